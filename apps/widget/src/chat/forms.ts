import type { LeadField, WidgetConfig } from '../types';
import { ApiError } from './api';
import { h, icon } from './dom';
import type { Translate } from './i18n';

let sequence = 0;
const AUTOCOMPLETE: Record<string, string> = { name: 'name', email: 'email', phone: 'tel' };

function field(
  f: LeadField,
  t: Translate,
): { row: HTMLElement; input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; error: HTMLElement } {
  const id = `sb-f${++sequence}`;
  const error = h('span', { class: 'sb-err', id: `${id}-e` });
  const attrs: Record<string, string | boolean> = {
    id,
    name: f.key,
    'aria-describedby': `${id}-e`,
    required: f.required,
  };
  if (AUTOCOMPLETE[f.key]) attrs.autocomplete = AUTOCOMPLETE[f.key]!;
  const type =
    f.type === 'email' || f.key === 'email' ? 'email' : f.type === 'phone' || f.key === 'phone' ? 'tel' : 'text';
  const input =
    f.type === 'textarea'
      ? h('textarea', { ...attrs, rows: '3' })
      : f.type === 'select'
        ? h(
            'select',
            attrs,
            h('option', { value: '' }, '—'),
            ...(f.options ?? []).map((o) => h('option', { value: o }, o)),
          )
        : h('input', { ...attrs, type });
  const label = h(
    'label',
    { for: id },
    f.label,
    f.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null,
    f.required ? h('span', { class: 'sr-only' }, ` (${t('required')})`) : null,
  );
  return { row: h('div', { class: 'sb-row' }, label, input, error), input, error };
}

/**
 * The lead form the workspace configured. Sends `{ values, consent }`; the server's field
 * errors are shown beside their fields, and focus goes to the first one.
 */
export function leadForm(
  form: NonNullable<WidgetConfig['leadForm']>,
  t: Translate,
  submit: (values: Record<string, string>, consent: boolean) => Promise<void>,
  onSkip?: () => void,
): HTMLFormElement {
  const fields = form.fields.map((f) => ({ f, ...field(f, t) }));
  const consent = form.consent ? h('input', { type: 'checkbox', name: 'consent' }) : null;
  const consentError = h('span', { class: 'sb-err' });
  const status = h('p', { class: 'sb-err', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'sb-primary' }, t('submit'));
  const el = h(
    'form',
    { class: 'sb-card sb-lead', novalidate: true, 'aria-label': form.title ?? t('leadTitle') },
    h('p', {}, form.title ?? t('leadTitle')),
    ...fields.map((x) => x.row),
    consent ? h('label', { class: 'sb-check' }, consent, form.consent!.text) : null,
    consentError,
    status,
    h(
      'div',
      { class: 'sb-chips' },
      button,
      onSkip ? h('button', { type: 'button', class: 'sb-chip', onclick: onSkip }, t('skip')) : null,
    ),
  );
  el.onsubmit = async (event) => {
    event.preventDefault();
    for (const x of [...fields.map((f) => f.error), consentError, status]) x.textContent = '';
    const values = Object.fromEntries(fields.map((x) => [x.f.key, x.input.value.trim()]));
    button.disabled = true;
    try {
      await submit(values, consent?.checked ?? false);
    } catch (error) {
      const details = error instanceof ApiError ? (error.details ?? []) : [];
      for (const d of details) {
        const target = fields.find((x) => x.f.key === d.path);
        if (target) {
          target.error.textContent = d.message;
          target.input.setAttribute('aria-invalid', 'true');
        } else if (d.path === 'consent') consentError.textContent = d.message;
      }
      if (!details.length) status.textContent = error instanceof Error ? error.message : t('error');
      (
        fields.find((x) => x.error.textContent)?.input ??
        (consentError.textContent ? consent : null) ??
        button
      )?.focus();
    } finally {
      button.disabled = false;
    }
  };
  return el;
}

/** The satisfaction question when a conversation closes: 1 to 5, and an optional comment. */
export function csatCard(t: Translate, submit: (rating: number, comment: string) => Promise<void>): HTMLElement {
  let rating = 0;
  const stars = [1, 2, 3, 4, 5].map((n) => {
    const star = h(
      'button',
      { type: 'button', 'aria-pressed': 'false', 'aria-label': t('rateN', { n }) },
      icon('star'),
    );
    star.onclick = () => {
      rating = n;
      stars.forEach((s, i) => s.setAttribute('aria-pressed', String(i < n)));
    };
    return star;
  });
  const comment = h('textarea', { rows: '2', 'aria-label': t('comment'), placeholder: t('comment') });
  const status = h('p', { class: 'sb-err', role: 'alert' });
  const send = h('button', { type: 'button', class: 'sb-primary' }, t('submit'));
  const el = h(
    'div',
    { class: 'sb-card sb-csat', role: 'group', 'aria-label': t('rate') },
    h('p', {}, t('rate')),
    h('div', { class: 'sb-stars' }, ...stars),
    comment,
    status,
    send,
  );
  send.onclick = async () => {
    if (!rating) return stars[0]!.focus();
    send.disabled = true;
    try {
      await submit(rating, comment.value.trim());
      el.replaceChildren(h('p', { role: 'status' }, t('thanks')));
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : t('error');
      send.disabled = false;
    }
  };
  return el;
}
