import { createAddressPolicy } from './address-policy';
import { EgressError } from './errors';
import { mediaType, requestOnce, type PinnedAddress } from './request';
import { addressesOf, systemResolver, type Resolver } from './resolve';
import { parseTarget, type Target } from './target';

export interface GuardedFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Cap on the (decoded) body; the transfer is aborted past it. Default 10 MiB. */
  maxBytes?: number;
  /** Deadline for the whole fetch, redirects included. Default 15 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Allowed content types of the final response (`text/html`, `text/*`); any when absent. */
  accept?: string[];
  signal?: AbortSignal;
  /** Default true: a final status of 400 or more throws `http_error` instead of returning. */
  throwHttpErrors?: boolean;
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

export type GuardedFetch = (url: string, options?: GuardedFetchOptions) => Promise<GuardedResponse>;

export interface EgressGuardOptions {
  /** Ranges reachable despite being private (an operator's internal docs host). */
  allowCidrs?: readonly string[];
  resolve?: Resolver;
}

export interface EgressGuard {
  fetch: GuardedFetch;
  /**
   * Resolves a URL's host and refuses it like `fetch` would, without fetching: for URLs that
   * another client library will call (a workspace's own model server).
   */
  check(url: string, signal?: AbortSignal): Promise<void>;
}

const DEFAULTS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function createEgressGuard(options: EgressGuardOptions = {}): EgressGuard {
  const policy = createAddressPolicy(options.allowCidrs);
  const resolve = options.resolve ?? systemResolver;

  /** Resolves and checks one hop: every address must pass, or the hop is refused. */
  async function checkedAddresses(target: Target, signal: AbortSignal): Promise<PinnedAddress[]> {
    const literalProblem = target.literal ? policy.check(target.host) : null;
    if (literalProblem) throw new EgressError('forbidden_address', target.url.href, literalProblem);
    const addresses = await addressesOf(target, resolve, signal);
    for (const { address } of addresses) {
      const problem = policy.check(address);
      if (problem) {
        const message = target.literal ? problem : `${target.host} resolves to a forbidden address. ${problem}`;
        throw new EgressError('forbidden_address', target.url.href, message);
      }
    }
    return addresses;
  }

  async function guardedFetch(rawUrl: string, fetchOptions: GuardedFetchOptions = {}): Promise<GuardedResponse> {
    const maxBytes = fetchOptions.maxBytes ?? DEFAULTS.maxBytes;
    const timeoutMs = fetchOptions.timeoutMs ?? DEFAULTS.timeoutMs;
    const maxRedirects = fetchOptions.maxRedirects ?? DEFAULTS.maxRedirects;
    const timeoutReason = new Error('egress timeout');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutReason), timeoutMs);
    const onCallerAbort = () => controller.abort(fetchOptions.signal?.reason);
    if (fetchOptions.signal?.aborted) onCallerAbort();
    fetchOptions.signal?.addEventListener('abort', onCallerAbort, { once: true });

    let target = parseTarget(rawUrl);
    let method = (fetchOptions.method ?? 'GET').toUpperCase();
    let body = fetchOptions.body === undefined ? undefined : Buffer.from(fetchOptions.body);
    const headers = buildHeaders(fetchOptions);
    const visited = new Set([target.url.href]);
    const redirects: string[] = [];
    try {
      for (;;) {
        const addresses = await checkedAddresses(target, controller.signal);
        const hopHeaders = { ...headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) };
        const hop = await requestOnce(target, addresses, {
          method,
          headers: hopHeaders,
          body,
          maxBytes,
          accept: fetchOptions.accept,
          throwHttpErrors: fetchOptions.throwHttpErrors ?? true,
          signal: controller.signal,
        });
        if (hop.location === undefined) {
          return {
            url: target.url.href,
            status: hop.status,
            headers: hop.headers,
            body: hop.body,
            contentType: mediaType(hop.headers['content-type']),
            redirects,
          };
        }
        const next = parseTarget(hop.location, target.url.href);
        if (visited.has(next.url.href)) {
          throw new EgressError('redirect_loop', rawUrl, `${rawUrl} redirects in a loop (back to ${next.url.href}).`);
        }
        if (redirects.length >= maxRedirects) {
          throw new EgressError('too_many_redirects', rawUrl, `${rawUrl} redirects more than ${maxRedirects} times.`);
        }
        visited.add(next.url.href);
        redirects.push(next.url.href);
        // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
        if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        if (next.url.origin !== target.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
        target = next;
      }
    } catch (error) {
      if (error instanceof EgressError) throw error;
      if (controller.signal.reason === timeoutReason) {
        throw new EgressError('timeout', target.url.href, `${target.url.href} did not answer within ${timeoutMs} ms.`);
      }
      if (fetchOptions.signal?.aborted) throw fetchOptions.signal.reason;
      const code = (error as NodeJS.ErrnoException).code;
      const detail = code ?? (error instanceof Error ? error.message : String(error));
      throw new EgressError('network', target.url.href, `${target.url.href} could not be reached (${detail}).`);
    } finally {
      clearTimeout(timer);
      fetchOptions.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function check(rawUrl: string, signal: AbortSignal = new AbortController().signal): Promise<void> {
    await checkedAddresses(parseTarget(rawUrl), signal);
  }

  return { fetch: guardedFetch, check };
}

function buildHeaders(options: GuardedFetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': 'SwitchboardBot/1.0',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.accept) headers.accept = options.accept.join(', ');
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
