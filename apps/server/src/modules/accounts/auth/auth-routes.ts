import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Redis } from 'ioredis';
import type { App, AppEnv } from '../../../platform/http/env';
import { envelope } from '../../../platform/http/error-handler';
import { reportSecurityEvent } from '../../../platform/security-events';
import { assertJsonBody, withoutSessionTokens } from './auth-wire';
import { CLIENT_IP_HEADER } from './better-auth';
import { getAuth } from './instance';
import { createSignInLockout, signInAccount } from './sign-in-lockout';
import { createRouter } from '../../../platform/http/router';

/**
 * better-auth endpoints we expose. Everything else it offers (its admin endpoints in
 * particular) stays unreachable: those changes would bypass our audit log. Session listing
 * and revocation are ours (/api/v1/me/sessions): better-auth's return session tokens.
 */
const ALLOWED: Array<[method: 'GET' | 'POST', path: RegExp]> = [
  ['POST', /^\/sign-up\/email$/],
  ['POST', /^\/sign-in\/email$/],
  ['POST', /^\/sign-in\/social$/],
  ['GET', /^\/callback\/(google|github)$/],
  ['POST', /^\/callback\/(google|github)$/],
  ['POST', /^\/sign-out$/],
  ['GET', /^\/get-session$/],
  ['GET', /^\/verify-email$/],
  ['POST', /^\/send-verification-email$/],
  ['POST', /^\/request-password-reset$/],
  ['GET', /^\/reset-password\/[^/]+$/],
  ['POST', /^\/reset-password$/],
  ['POST', /^\/change-password$/],
  ['POST', /^\/update-user$/],
  ['POST', /^\/revoke-other-sessions$/],
  ['POST', /^\/two-factor\/(enable|disable|get-totp-uri|verify-totp|generate-backup-codes|verify-backup-code)$/],
  ['POST', /^\/admin\/stop-impersonating$/],
];

const SIGN_IN = '/sign-in/email';

function snakeCase(code: string): string {
  return code.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** better-auth's `{ code, message }` errors become our envelope; cookies and Retry-After survive. */
async function toEnvelope(c: Context<AppEnv>, response: Response): Promise<Response> {
  if (response.status < 400 || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  const code = body.code ? snakeCase(body.code) : response.status === 429 ? 'rate_limited' : 'auth_error';
  const retryAfter = response.headers.get('x-retry-after') ?? response.headers.get('retry-after');
  const message =
    response.status === 429
      ? `Too many attempts. Try again in ${retryAfter ? `${retryAfter} seconds` : 'a minute'}.`
      : (body.message ?? 'The request was refused.');
  const out = envelope(c, response.status as ContentfulStatusCode, code, message);
  for (const cookie of response.headers.getSetCookie()) out.headers.append('set-cookie', cookie);
  if (retryAfter) out.headers.set('Retry-After', retryAfter);
  return out;
}

export function authRoutes(redis: Redis | null): App {
  const app = createRouter();
  const lockout = createSignInLockout(redis);

  app.on(['GET', 'POST'], '/api/auth/*', async (c) => {
    const path = c.req.path.slice('/api/auth'.length);
    if (!ALLOWED.some(([method, pattern]) => method === c.req.method && pattern.test(path))) {
      return envelope(c, 404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`);
    }
    const ip = c.get('ip');
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, ip);
    const body = c.req.method === 'POST' ? await c.req.arrayBuffer() : undefined;
    assertJsonBody(path, c.req.header('content-type'), body);
    // Every email sign-in passes the lockout: one it cannot attribute to an account is refused.
    const email = path === SIGN_IN ? signInAccount(body) : undefined;
    if (email) await lockout.begin(email, ip);

    let status = 500;
    try {
      const response = await getAuth().handler(new Request(c.req.url, { method: c.req.method, headers, body }));
      status = response.status;
      if (path === '/two-factor/verify-totp' && response.status >= 400)
        reportSecurityEvent({ kind: 'two_factor_failed', ip });
      if (response.status === 429)
        reportSecurityEvent({ kind: 'rate_limited', ip, email, detail: { path: c.req.path, limiter: 'auth' } });
      return await toEnvelope(c, await withoutSessionTokens(response));
    } finally {
      if (email) await lockout.settle(email, ip, status);
    }
  });
  return app;
}
