import { h, icon } from './dom';
import type { Translate } from './i18n';
import { renderMarkdown, type RenderOptions } from './markdown';

export interface Citation {
  index: number;
  title: string;
  url: string | null;
  snippet: string;
}

export interface ShownMessage {
  id: string | null;
  role: 'user' | 'assistant' | 'human';
  content: string;
  citations: Citation[];
  el: HTMLElement;
  body: HTMLElement;
}

const SAFE = /^https?:\/\//i;

/** The sources under an answer, behind a toggle so the answer stays readable. */
function sources(citations: Citation[], t: Translate, open: boolean): HTMLElement {
  const list = h('ol', { class: 'sb-sources', hidden: !open });
  for (const c of citations) {
    // Snippets are raw source text: markdown marks would show as stars.
    const snippet = c.snippet.replace(/\*\*|__|`/g, '');
    const title =
      c.url && SAFE.test(c.url)
        ? h('a', { href: c.url, target: '_blank', rel: 'noopener nofollow' }, c.title)
        : h('strong', {}, c.title);
    list.appendChild(
      h(
        'li',
        { value: String(c.index) },
        title,
        snippet ? h('p', {}, snippet.length > 240 ? `${snippet.slice(0, 240)}…` : snippet) : null,
      ),
    );
  }
  const toggle = h(
    'button',
    { type: 'button', class: 'sb-src', 'aria-expanded': String(open) },
    `${t('sources')} (${citations.length})`,
  );
  toggle.onclick = () => {
    const open = list.hidden;
    list.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  return h('div', {}, toggle, list);
}

export function messageElement(role: ShownMessage['role'], label: string): { el: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'sb-bubble' });
  const el = h('div', { class: `sb-msg sb-${role}` }, h('span', { class: 'sr-only' }, `${label}: `), body);
  return { el, body };
}

/** Draws (or redraws, while streaming and when it is stored) a message's text and its sources, left open if the visitor opened them. */
export function paint(message: ShownMessage, t: Translate, options: RenderOptions): void {
  message.body.replaceChildren(
    message.role === 'user' ? renderUser(message.content, options) : renderMarkdown(message.content, options),
  );
  const toggle = message.el.querySelector('.sb-src');
  const open = toggle?.getAttribute('aria-expanded') === 'true';
  toggle?.parentElement?.remove();
  if (message.citations.length) message.el.appendChild(sources(message.citations, t, open));
  const rated = message.el.querySelector('.sb-fb');
  if (rated) message.el.appendChild(rated);
}

/**
 * Thumbs up or down under an answer; thumbs down also asks what was wrong (optional, sent on
 * Enter). Rating again replaces the earlier rating.
 */
export function feedbackRow(
  t: Translate,
  send: (rating: string, comment?: string) => Promise<unknown>,
  given?: string,
): HTMLElement {
  const row = h('div', { class: 'sb-fb' });
  const rate = (rating: string, comment?: string) => void send(rating, comment).catch(() => undefined);
  for (const [rating, label] of [
    ['up', t('helpful')],
    ['down', t('notHelpful')],
  ] as const) {
    row.appendChild(
      h(
        'button',
        {
          type: 'button',
          'aria-label': label,
          title: label,
          'aria-pressed': String(rating === given),
          onclick: (e: Event) => {
            for (const b of row.querySelectorAll('button'))
              b.setAttribute('aria-pressed', String(b === e.currentTarget));
            rate(rating);
            if (rating === 'down' && !row.querySelector('input')) {
              const input = h('input', {
                class: 'sb-fbc',
                placeholder: t('comment'),
                maxlength: '2000',
                'aria-label': t('comment'),
              });
              input.onkeydown = (k) => {
                if (k.key !== 'Enter' || !input.value.trim()) return;
                rate('down', input.value.trim());
                input.replaceWith(h('span', {}, t('thanks')));
              };
              row.appendChild(input);
            }
          },
        },
        icon('thumb'),
      ),
    );
  }
  return row;
}

/** The visitor's own words, as typed (attachments aside): no markdown. */
function renderUser(content: string, options: RenderOptions): DocumentFragment {
  const out = document.createDocumentFragment();
  const pattern = /\[📎 ([^\]\n]*)\]\(attachment:(fil_[0-9a-z]{26})\)/g;
  let last = 0;
  for (const match of content.matchAll(pattern)) {
    out.append(document.createTextNode(content.slice(last, match.index)));
    out.append(options.onAttachment ? options.onAttachment(match[2]!, match[1]!) : document.createTextNode(match[1]!));
    last = match.index! + match[0].length;
  }
  out.append(document.createTextNode(content.slice(last)));
  return out;
}

export function typingElement(text: string): HTMLElement {
  return h(
    'div',
    { class: 'sb-msg sb-assistant sb-typing', role: 'status', 'aria-label': text },
    h('div', { class: 'sb-bubble sb-dots', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')),
  );
}

export const eventLine = (text: string) => h('p', { class: 'sb-event' }, text);
