import type { Context } from 'hono';
import { eq } from 'drizzle-orm';
import { isAppError, NotFoundError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy';
import type { App, AppEnv } from '../../platform/http/env';
import { PUBLIC_KEY, resolveWidget, type ResolvedWidget } from './resolve-widget';
import { spend, type GateDeps } from './widget-gate';
import { verifyResumeLink } from './resume-link';
import { widgetSettings } from './schema';
import { resumeTarget } from './session';
import { createRouter } from '../../platform/http/router';

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The page's policy: our scripts only, no plugins, and framing allowed only by our own pages
 * (the dashboard's preview) and the widget's allowed origins.
 */
function contentSecurityPolicy(ancestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Avatars may live elsewhere; images inside answers are never loaded (the widget shows links).
    "img-src 'self' data: blob: https:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self'${ancestors.map((o) => ` ${o}`).join('')}`,
  ].join('; ');
}

function page(
  c: Context<AppEnv>,
  status: 200 | 403 | 404 | 410,
  title: string,
  inner: string,
  ancestors: readonly string[] = [],
): Response {
  c.header('Content-Security-Policy', contentSecurityPolicy(ancestors));
  c.header('Cache-Control', 'no-cache');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
      `<title>${escape(title)}</title><style>html,body{margin:0;height:100%;background:#f1f5f9;font-family:system-ui,sans-serif}` +
      `.sb-gone{max-width:32rem;margin:20vh auto;padding:0 1.5rem;color:#1e293b;line-height:1.5}</style></head><body>${inner}</body></html>`,
    status,
  );
}

const unavailable = (c: Context<AppEnv>, status: 403 | 404 | 410, text: string) =>
  page(
    c,
    status,
    'Chat unavailable',
    `<main class="sb-gone"><h1>This chat is not available</h1><p>${escape(text)}</p></main>`,
  );

/**
 * `/chat/{publicKey}`: the agent's chat as a whole page, for links and QR codes (`?preview=1`
 * for the dashboard). Public like the widget's calls, so counted with them per address first;
 * a malformed key is refused unread, and an unknown one is remembered briefly (resolveWidget).
 */
export function hostedPageRoutes(gate: Pick<GateDeps, 'ipLimiter'>): App {
  const app = createRouter();
  app.get('/chat/:key', async (c) => {
    await spend(c, gate.ipLimiter, c.get('ip'), 'widget-ip');
    const key = c.req.param('key');
    const gone = () => unavailable(c, 404, 'The link may be out of date. Ask the business for a new one.');
    if (!PUBLIC_KEY.test(key)) return gone();
    let widget: ResolvedWidget;
    try {
      widget = await resolveWidget(key);
    } catch (error) {
      if (isAppError(error) && error.status === 403) return unavailable(c, 403, error.message);
      if (isAppError(error)) return gone();
      throw error;
    }
    return chatPage(c, key, widget, c.req.query('preview') === '1' ? 'preview' : 'page');
  });
  // A mailed reply's link back to the conversation (resume-link.ts): the page, told which
  // conversation to open; the widget's session checks the link again before showing anything.
  app.get('/chat/resume/:token', async (c) => {
    await spend(c, gate.ipLimiter, c.get('ip'), 'widget-ip');
    // The link is a credential: it is not sent on to anything this page links to, nor cached.
    c.header('Referrer-Policy', 'no-referrer');
    const token = c.req.param('token');
    try {
      const link = verifyResumeLink(token);
      const key = await widgetKeyOf(link.t, link.a);
      if (!key) throw new NotFoundError('Widget');
      const widget = await resolveWidget(key);
      await resumeTarget(widget, token);
      const response = chatPage(c, key, widget, 'page', token);
      response.headers.set('Cache-Control', 'no-store');
      response.headers.set('Referrer-Policy', 'no-referrer');
      return response;
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.code === 'resume_link_expired')
        return unavailable(
          c,
          410,
          'This link has expired. Open the chat again from the website, or reply to the mail.',
        );
      if (error.status === 403) return unavailable(c, 403, error.message);
      return unavailable(c, 403, 'This link is not valid. Open the chat again from the website.');
    }
  });
  return app;
}

/** The hosted chat: the widget script in page mode, with a resume link's token when it opens one. */
function chatPage(
  c: Context<AppEnv>,
  key: string,
  widget: ResolvedWidget,
  mode: 'page' | 'preview',
  resume?: string,
): Response {
  const title = widget.config.look.title ?? widget.agent.name;
  return page(
    c,
    200,
    title,
    `<noscript><main class="sb-gone"><h1>${escape(title)}</h1><p>This chat needs JavaScript.</p></main></noscript>` +
      `<link rel="preload" href="/api/widget/v1/${escape(key)}/config" as="fetch" crossorigin="anonymous">` +
      `<script src="/widget.js" data-agent="${escape(key)}" data-mode="${mode}"${resume ? ` data-resume="${escape(resume)}"` : ''} crossorigin="anonymous" async></script>`,
    widget.allowedOrigins,
  );
}

/** The publishable key of an agent's widget (the resume link names the agent, not the key, which may rotate). */
async function widgetKeyOf(tenantId: string, agentId: string): Promise<string | null> {
  const [row] = await withTenant({ tenantId }, (tx) =>
    tx.db
      .select({ publicKey: widgetSettings.publicKey })
      .from(widgetSettings)
      .where(eq(widgetSettings.agentId, agentId)),
  );
  return row?.publicKey ?? null;
}
