import type { WidgetConfig } from '../types';
import { h, icon } from './dom';
import type { Translate } from './i18n';

export interface Pending {
  id: string;
  name: string;
}

export interface Composer {
  el: HTMLElement;
  input: HTMLTextAreaElement;
  setBusy(busy: boolean): void;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line; files are uploaded as soon as
 * they are picked and go out with the next message as `[📎 name](attachment:id)` lines.
 */
export function composer(options: {
  t: Translate;
  attachments: WidgetConfig['attachments'];
  onSend(text: string): void;
  onTyping(): void;
  upload(file: File): Promise<Pending>;
  onError(text: string): void;
}): Composer {
  const { t } = options;
  const pending: Pending[] = [];
  const list = h('div', { class: 'sb-att-list' });
  const input = h('textarea', {
    rows: '1',
    'aria-label': t('placeholder'),
    placeholder: t('placeholder'),
    maxlength: '8000',
  });
  const send = h('button', { type: 'submit', class: 'sb-send', 'aria-label': t('send') }, icon('send'));
  let busy = false;
  let uploading = 0;
  const refresh = () => (send.disabled = busy || uploading > 0);

  const drawPending = () =>
    list.replaceChildren(
      ...pending.map((p, i) =>
        h(
          'span',
          { class: 'sb-att' },
          `📎 ${p.name}`,
          h(
            'button',
            {
              type: 'button',
              'aria-label': `${t('remove')} ${p.name}`,
              onclick: () => (pending.splice(i, 1), drawPending(), input.focus()),
            },
            '×',
          ),
        ),
      ),
    );

  let attach: HTMLElement | null = null;
  if (options.attachments) {
    const { images, files, maxBytes } = options.attachments;
    const accept = [
      images ? 'image/png,image/jpeg,image/gif,image/webp' : '',
      files ? '.pdf,.docx,.txt,.md,.csv,.json' : '',
    ]
      .filter(Boolean)
      .join(',');
    const picker = h('input', {
      type: 'file',
      accept,
      multiple: true,
      hidden: true,
      tabindex: '-1',
      'aria-hidden': 'true',
    });
    picker.onchange = async () => {
      for (const file of Array.from(picker.files ?? [])) {
        if (file.size > maxBytes) {
          options.onError(`${t('tooLarge')} (${file.name})`);
          continue;
        }
        list.appendChild(h('span', { class: 'sb-att', role: 'status' }, `${t('uploading')} ${file.name}`));
        uploading++;
        refresh();
        try {
          pending.push(await options.upload(file));
        } catch (error) {
          options.onError(error instanceof Error ? error.message : t('error'));
        }
        uploading--;
        refresh();
        drawPending();
      }
      picker.value = '';
      input.focus();
    };
    attach = h(
      'div',
      {},
      picker,
      h(
        'button',
        { type: 'button', class: 'sb-icon', 'aria-label': t('attach'), onclick: () => picker.click() },
        icon('clip'),
      ),
    );
  }

  const submit = () => {
    const text = input.value.trim();
    // A message waits for its files: sent before they are up, it would go without them.
    if (busy || uploading || (!text && !pending.length)) return;
    const refs = pending.map((p) => `[📎 ${p.name.replace(/[[\]]/g, '')}](attachment:${p.id})`);
    pending.length = 0;
    drawPending();
    input.value = '';
    options.onSend([text, ...refs].filter(Boolean).join('\n'));
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 120)}px`;
    options.onTyping();
  });
  const form = h('form', { class: 'sb-compose' }, attach, input, send);
  form.onsubmit = (event) => {
    event.preventDefault();
    submit();
  };
  return {
    el: h('div', {}, list, form),
    input,
    setBusy(value) {
      busy = value;
      refresh();
    },
  };
}
