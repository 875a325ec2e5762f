import { createEgressGuard } from './guard';
import type { EgressGuard, EgressGuardOptions, GuardedFetch, GuardedRequest, GuardedRequestOptions } from './types';

/**
 * The outbound HTTP client: the one way to send a request to an address anyone but the
 * operator chose — knowledge pages and crawls, a workspace's own model server (chat streams,
 * embeddings, the connection test), and the webhooks, custom actions and MCP servers to come.
 * Every hop is checked against the address policy (loopback, private, link-local/metadata,
 * CGNAT, IPv4-mapped… refused unless EGRESS_ALLOW_CIDRS opens them) and connected to the
 * checked address; redirects are refused, kept to the same server or re-checked hop by hop
 * (`redirect`); no header but a handful of harmless ones ever crosses to another origin;
 * bodies are capped in size and the exchange in time. Three faces of the same client:
 *
 * - `guardedFetch(url, options)`: the whole body in a Buffer (pages, webhooks, JSON APIs);
 * - `guardedRequest(url, options)`: the body as a Node stream (long or streamed answers);
 * - `guardedWebFetch(options)`: a WHATWG fetch for libraries that take one (AI SDK, MCP client).
 *
 * Redirects: `guardedFetch` follows them (pages and crawls); the other two refuse them unless
 * told otherwise. A webhook, custom action or MCP call passes `redirect: 'error'` (or
 * `'same-origin'`) whichever face it uses: a POST with a secret has no business elsewhere.
 *
 * `trust: 'operator'` is for addresses from the server's own configuration (OPENAI_BASE_URL,
 * EMBEDDING_BASE_URL, RERANK_BASE_URL…): they may be private, so the address check is skipped;
 * redirect, header and size rules still apply. Anything a workspace typed is `tenant` (the
 * default). Errors are `EgressError`s: the guard's own sentences, never the remote's body.
 *
 * `configureEgress` is called once at boot with the operator's allow-list; until then the
 * default guard allows no private range.
 */
export { createEgressGuard } from './guard';
export type {
  EgressGuard,
  EgressGuardOptions,
  EgressTrust,
  GuardedFetch,
  GuardedFetchOptions,
  GuardedRequest,
  GuardedRequestOptions,
  GuardedResponse,
  GuardedStream,
} from './types';
export type { RedirectMode } from './redirects';
export { EgressError, isEgressError, type EgressFailure } from './errors';
export type { Resolver } from './resolve';

let defaultGuard: EgressGuard = createEgressGuard();

export function configureEgress(options: EgressGuardOptions): void {
  defaultGuard = createEgressGuard(options);
}

/** Fetches through the default guard as configured at the time of the call; the body buffered. */
export const guardedFetch: GuardedFetch = (url, options) => defaultGuard.fetch(url, options);

/** Sends through the default guard; resolves at the response headers with the body as a stream. */
export const guardedRequest: GuardedRequest = (url, options) => defaultGuard.request(url, options);

/** A WHATWG fetch through the default guard (as configured when each request is made). */
export function guardedWebFetch(defaults: GuardedRequestOptions = {}): typeof globalThis.fetch {
  return (input, init) => defaultGuard.webFetch(defaults)(input, init);
}

/** Refuses a URL whose host is (or resolves to) a forbidden address, without fetching it. */
export const assertEgressAllowed = (url: string, signal?: AbortSignal): Promise<void> =>
  defaultGuard.check(url, signal);
