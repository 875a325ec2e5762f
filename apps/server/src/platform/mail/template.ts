import type { MailMessage } from './mailer';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export interface MailContent {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

/** One layout for every mail: plain text first (what tests and text clients read), then HTML. */
export function renderMail(content: MailContent): MailMessage {
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footer ? [content.footer] : []),
    '— Switchboard',
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a;max-width:34rem">
<p>${escape(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
${content.action ? `<p><a href="${escape(content.action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:.6rem 1rem;border-radius:.5rem;text-decoration:none">${escape(content.action.label)}</a></p><p style="font-size:.85rem;color:#475569">Or paste this address into your browser: ${escape(content.action.url)}</p>` : ''}
${content.footer ? `<p style="font-size:.85rem;color:#475569">${escape(content.footer)}</p>` : ''}
<p>— Switchboard</p></body></html>`;
  return { to: content.to, subject: content.subject, text, html };
}
