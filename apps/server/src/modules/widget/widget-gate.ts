import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, LimitExceededError, NotFoundError, UnauthorizedError } from '../../platform/errors';
import type { AppEnv } from '../../platform/http/env';
import type { RateLimiter } from '../../platform/ratelimit';
import { reportSecurityEvent } from '../../platform/security-events';
import type { ServiceContext } from '../../platform/tenancy';
import type { AdmitConversation } from './conversation-limits';
import { originAllowed } from './origins';
import { resolveWidget, type ResolvedWidget } from './resolve-widget';
import { verifyVisitorToken, type VisitorClaims } from './visitor-token';

export interface GateDeps {
  appUrl: string;
  ipLimiter: RateLimiter;
  visitorLimiter: RateLimiter;
  /** New conversations per visitor and address (the session route). */
  admitConversation: AdmitConversation;
}

export interface WidgetCall {
  widget: ResolvedWidget;
  origin: string;
}

export interface VisitorCall extends WidgetCall {
  claims: VisitorClaims;
  ctx: ServiceContext;
}

const calls = new WeakMap<Request, WidgetCall | VisitorCall>();

export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Last-Event-ID, Accept';
export const CORS_EXPOSE_HEADERS = 'X-Request-Id, Retry-After, RateLimit, RateLimit-Policy';

/**
 * Where the call comes from. Browsers send Origin on every cross-site call and every POST; a
 * same-origin GET (the hosted page) may omit it and says `Sec-Fetch-Site: same-origin`
 * instead. Anything else (no Origin at all) is refused: widget calls come from pages.
 */
export function callerOrigin(c: Context<AppEnv>): string | null {
  const origin = c.req.header('origin');
  if (origin) return origin;
  return c.req.header('sec-fetch-site') === 'same-origin' ? new URL(c.req.url).origin : null;
}

/** Our own pages (the hosted chat, the dashboard's preview) may use any key of this installation. */
export function ownOrigins(c: Context<AppEnv>, appUrl: string): string[] {
  return [new URL(appUrl).origin, new URL(c.req.url).origin];
}

export function assertOrigin(c: Context<AppEnv>, widget: ResolvedWidget, appUrl: string): string {
  const origin = callerOrigin(c);
  const own = ownOrigins(c, appUrl);
  if (!origin)
    throw new ForbiddenError(
      'Widget calls must come from a web page (no Origin header was sent).',
      'origin_not_allowed',
    );
  if (!own.includes(origin) && !originAllowed(origin, widget.allowedOrigins, own[0]!)) {
    throw new ForbiddenError(
      `This website (${origin}) is not allowed to show this chat. Add it to the widget's allowed origins in Switchboard (Channels → Website widget).`,
      'origin_not_allowed',
    );
  }
  return origin;
}

/** Spends one call of `key`'s budget: 429 rate_limited (logged) when none is left. */
export async function spend(c: Context<AppEnv>, limiter: RateLimiter, key: string, name: string): Promise<void> {
  const decision = await limiter.consume(key);
  if (!decision.allowed) {
    reportSecurityEvent({ kind: 'rate_limited', ip: c.get('ip'), detail: { path: c.req.path, limiter: name } });
    throw new LimitExceededError(
      'Too many requests. Wait a moment before trying again.',
      decision.resetSeconds,
      'rate_limited',
    );
  }
}

function bearer(c: Context<AppEnv>): string {
  const [scheme, token] = (c.req.header('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token)
    throw new UnauthorizedError('Send the visitor token as Authorization: Bearer <token>.', 'visitor_token_required');
  return token;
}

/**
 * Every widget call passes here before its validators: the key resolves (404 if not), the
 * workspace is not suspended (403), the Origin is allowed (403 origin_not_allowed), the client
 * address has calls left; with `token`, the visitor token is genuine (401), of this key's
 * workspace and agent and of the conversation in the path (404 otherwise), and the visitor has
 * calls left.
 */
export function widgetGate(deps: GateDeps, options: { token: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await spend(c, deps.ipLimiter, c.get('ip'), 'widget-ip');
    const widget = await resolveWidget(c.req.param('key') ?? '');
    const origin = assertOrigin(c, widget, deps.appUrl);
    if (!options.token) {
      calls.set(c.req.raw, { widget, origin });
      return next();
    }
    const claims = verifyVisitorToken(bearer(c));
    const conversationId = c.req.param('id');
    if (
      claims.t !== widget.tenantId ||
      claims.a !== widget.agentId ||
      (conversationId !== undefined && conversationId !== claims.c)
    ) {
      throw new NotFoundError('Conversation');
    }
    await spend(c, deps.visitorLimiter, `${claims.t}:${claims.v}`, 'widget-visitor');
    const ctx: ServiceContext = {
      tenantId: claims.t,
      actor: { type: 'visitor', visitorId: claims.v },
      requestId: c.get('requestId'),
      ip: c.get('ip'),
    };
    c.set('tenantId', claims.t);
    c.set('actor', ctx.actor);
    calls.set(c.req.raw, { widget, origin, claims, ctx });
    return next();
  };
}

export function widgetCall(c: Context<AppEnv>): WidgetCall {
  const call = calls.get(c.req.raw);
  if (!call) throw new Error('widgetCall() outside a gated widget route');
  return call;
}

export function visitorCall(c: Context<AppEnv>): VisitorCall {
  const call = calls.get(c.req.raw);
  if (!call || !('claims' in call)) throw new Error('visitorCall() outside a token-gated widget route');
  return call;
}
