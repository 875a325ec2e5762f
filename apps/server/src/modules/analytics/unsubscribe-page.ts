import type { Context } from 'hono';
import type { App, AppEnv } from '../../platform/http/env';
import { createRouter } from '../../platform/http/router';
import { unsubscribeRecipient } from './report-unsubscribe';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const PATH = '/reports/unsubscribe';

function page(c: Context<AppEnv>, status: 200 | 400 | 404, title: string, inner: string): Response {
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escape(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1.5rem;color:#1e293b;line-height:1.5}` +
      `button{background:#4f46e5;color:#fff;border:0;border-radius:.5rem;padding:.6rem 1rem;font-size:1rem}</style></head>` +
      `<body><main><h1>${escape(title)}</h1>${inner}</main></body></html>`,
    status,
  );
}

/**
 * The link in each report mail. Opening it asks for a click (mail scanners open links, and must
 * not unsubscribe anyone); the click, or a mail client's one-click unsubscribe (RFC 8058, a POST
 * to the same address), takes the address off the report. No sign-in: the signed token is the proof.
 */
export function unsubscribePageRoutes(): App {
  const app = createRouter();
  app.get(PATH, (c) => {
    const token = c.req.query('token') ?? '';
    return page(
      c,
      200,
      'Unsubscribe from this report',
      `<p>You will no longer receive this analytics report by mail.</p>` +
        `<form method="post" action="${PATH}?token=${escape(encodeURIComponent(token))}"><button type="submit">Unsubscribe</button></form>`,
    );
  });
  app.post(PATH, async (c) => {
    const token = c.req.query('token') ?? '';
    const outcome = token ? await unsubscribeRecipient(token) : ({ ok: false, reason: 'invalid' } as const);
    if (outcome.ok)
      return page(
        c,
        200,
        'You are unsubscribed',
        `<p>${escape(outcome.email)} will no longer receive “${escape(outcome.reportName)}”.</p>`,
      );
    if (outcome.reason === 'gone')
      return page(c, 404, 'Report not found', '<p>This report was deleted or no longer mails this address.</p>');
    return page(c, 400, 'This link is not valid', '<p>Use the link of the most recent report mail.</p>');
  });
  return app;
}
