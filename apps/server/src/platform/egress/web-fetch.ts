import { Readable } from 'node:stream';
import type { GuardedRequest, GuardedRequestOptions } from './types';

/**
 * A WHATWG `fetch` whose every request goes through the guarded client: for libraries that
 * accept a `fetch` option (the AI SDK providers, an MCP client transport) so their requests
 * get the same address checks, redirect rules, header rules and caps as ours. Bodies that
 * are text or bytes are supported; a streamed request body is not (none of those send one).
 */
type Fetch = typeof globalThis.fetch;

/** Statuses whose Response may not have a body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

async function bodyBytes(body: RequestInit['body']): Promise<string | Uint8Array | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return new Uint8Array(await body.arrayBuffer());
  throw new TypeError('This fetch sends text or byte bodies only.');
}

function headerRecord(...sources: Array<ConstructorParameters<typeof Headers>[0]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) new Headers(source).forEach((value, name) => (out[name] = value));
  return out;
}

export function createWebFetch(request: GuardedRequest, defaults: GuardedRequestOptions): Fetch {
  return async (input, init) => {
    const fromRequest = input instanceof Request ? input : undefined;
    const url = fromRequest ? fromRequest.url : String(input);
    const method = (init?.method ?? fromRequest?.method ?? 'GET').toUpperCase();
    const body =
      init?.body !== undefined
        ? await bodyBytes(init.body)
        : fromRequest?.body
          ? new Uint8Array(await fromRequest.arrayBuffer())
          : undefined;
    const signal = init?.signal ?? fromRequest?.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const headers = headerRecord(fromRequest?.headers, init?.headers);
    if (init?.body instanceof URLSearchParams && !headers['content-type'])
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    const answer = await request(url, {
      ...defaults,
      method,
      headers,
      ...(body !== undefined && { body }),
      ...(signal && { signal }),
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) responseHeaders.append(name, value);
    if (answer.status < 200 || answer.status > 599) {
      answer.body.destroy();
      throw new TypeError(`${new URL(answer.url).origin} answered with an invalid HTTP status (${answer.status}).`);
    }
    const empty = method === 'HEAD' || NULL_BODY.has(answer.status);
    if (empty) answer.body.destroy();
    const stream = empty ? null : (Readable.toWeb(answer.body) as unknown as ReadableStream<Uint8Array>);
    return new Response(stream, { status: answer.status, statusText: answer.statusText, headers: responseHeaders });
  };
}
