import type { Readable } from 'node:stream';
import type { RedirectMode } from './redirects';
import type { Resolver } from './resolve';

/**
 * Who chose the address. `tenant` (the default): anything a workspace, its members or its
 * visitors typed or saved — checked against the address policy on every hop, connected to the
 * checked address. `operator`: the server's own configuration (OPENAI_BASE_URL, RERANK_BASE_URL
 * and the like), trusted to point at a private host; redirect and header rules still apply.
 */
export type EgressTrust = 'tenant' | 'operator';

/** What every entry point of the client takes. */
export interface OutboundOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Cap on the (decoded) body; the transfer is aborted past it. Default 10 MiB. */
  maxBytes?: number;
  /** Deadline for the whole exchange, redirects and body included; Infinity for none. Default 15 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  trust?: EgressTrust;
  /** Reuse connections (one pool per trust): for repeated calls to the same server. Default false. */
  keepAlive?: boolean;
}

export interface GuardedFetchOptions extends OutboundOptions {
  /** Allowed content types of the final response (`text/html`, `text/*`); any when absent. */
  accept?: string[];
  /** Default true: a final status of 400 or more throws `http_error` instead of returning. */
  throwHttpErrors?: boolean;
  /** Default `follow` (pages and crawls go where the site sends them). */
  redirect?: RedirectMode;
}

export interface GuardedResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The media type without parameters, lower-case; "" when none was sent. */
  contentType: string;
  /** Each redirect target followed, in order (the last one is `url`). */
  redirects: string[];
}

export interface GuardedRequestOptions extends OutboundOptions {
  /** Default `error`: a redirect is refused unless the caller says otherwise. */
  redirect?: RedirectMode;
}

export interface GuardedStream {
  url: string;
  status: number;
  statusText: string;
  /** As received, less content-encoding and content-length when the body was decoded. */
  headers: Record<string, string>;
  /** The decoded, capped body; destroy it to stop reading (the connection closes). */
  body: Readable;
}

export type GuardedFetch = (url: string, options?: GuardedFetchOptions) => Promise<GuardedResponse>;
export type GuardedRequest = (url: string, options?: GuardedRequestOptions) => Promise<GuardedStream>;

export interface EgressGuardOptions {
  /** Ranges reachable despite being private (an operator's internal docs host). */
  allowCidrs?: readonly string[];
  resolve?: Resolver;
}

export interface EgressGuard {
  /** Buffered: the whole (capped) body in memory. */
  fetch: GuardedFetch;
  /** Streamed: resolves at the response headers. */
  request: GuardedRequest;
  /** A WHATWG `fetch` over `request`, for libraries that take one (AI SDK, MCP client). */
  webFetch(defaults?: GuardedRequestOptions): typeof globalThis.fetch;
  /** Resolves a URL's host and refuses it as a tenant's request would be refused, without fetching. */
  check(url: string, signal?: AbortSignal): Promise<void>;
}
