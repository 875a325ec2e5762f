import { EgressError } from './errors';
import { parseTarget, type Target } from './target';

/**
 * What a redirect may do. `follow`: to any address the guard allows, each hop checked again,
 * and only harmless headers cross to another origin. `same-origin`: only within the scheme,
 * host and port first asked (a server moving a path); a redirect elsewhere is refused without
 * contacting it. `error`: none.
 */
export type RedirectMode = 'follow' | 'same-origin' | 'error';

/**
 * The only headers that go on to another origin. An allow-list rather than a list of
 * credential names: a key can hide in any header (Authorization, x-api-key, x-goog-api-key,
 * api-key, Cookie, or whatever a webhook or custom action names it).
 */
const CROSS_ORIGIN_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'content-type', 'user-agent']);

/** The request as it goes to the next hop (method, body and headers change on the way). */
export interface HopState {
  method: string;
  body: Buffer | undefined;
  headers: Record<string, string>;
}

export interface RedirectRules {
  mode: RedirectMode;
  maxRedirects: number;
  /** The URL first asked for (named in loop and count errors). */
  start: string;
  /** Every URL asked for so far. */
  visited: Set<string>;
}

/**
 * Where a redirect leads, refused by the rules or allowed with `state` updated for the next
 * hop. The Location is not repeated in a refusal: it may name an internal address.
 */
export function followRedirect(
  from: Target,
  status: number,
  location: string,
  state: HopState,
  rules: RedirectRules,
): Target {
  const refuse = (why: string) =>
    new EgressError(
      'redirect_refused',
      from.url.href,
      `${from.url.origin} answered with a redirect (HTTP ${status}) ${why}, which is not followed.`,
    );
  if (rules.mode === 'error') throw refuse('to another address');
  const next = parseTarget(location, from.url.href);
  const crossOrigin = next.url.origin !== from.url.origin;
  if (rules.mode === 'same-origin' && crossOrigin) throw refuse('to another server');
  if (rules.visited.has(next.url.href)) {
    throw new EgressError(
      'redirect_loop',
      rules.start,
      `${rules.start} redirects in a loop (back to ${next.url.href}).`,
    );
  }
  if (rules.visited.size > rules.maxRedirects) {
    throw new EgressError(
      'too_many_redirects',
      rules.start,
      `${rules.start} redirects more than ${rules.maxRedirects} times.`,
    );
  }
  rules.visited.add(next.url.href);
  // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
  if (status === 303 || ((status === 301 || status === 302) && state.method === 'POST')) {
    state.method = state.method === 'HEAD' ? 'HEAD' : 'GET';
    state.body = undefined;
    delete state.headers['content-type'];
  }
  if (crossOrigin) {
    for (const name of Object.keys(state.headers)) if (!CROSS_ORIGIN_HEADERS.has(name)) delete state.headers[name];
  }
  return next;
}
