import type { AttemptControl } from './attempt-control';
import { openModelRequest } from './transport';
import type { ModelTarget } from './types';

/*
 * The HTTP request of a streamed OpenAI chat call, read as a Node stream rather than through
 * fetch. fetch (undici) hands the body over as a web ReadableStream — a promise chain per
 * chunk, CPU per answer that node:http's readable does not spend on the same bytes (see the
 * chat bench). Only the streaming chat call of openai-chat-stream.ts goes this way; everything
 * else uses the guarded fetch of transport.ts. Both are the same guarded client (address
 * checks for a workspace's server, redirects kept to the same server, size cap, keep-alive).
 *
 * What fetch did for that call is done here: the connect timeout (response headers within
 * connectMs, as AttemptControl.fetchFor) and the abort signal (which ends the request, not
 * just our reading).
 */

export type Opened = { ok: true; body: AsyncIterable<string> } | { ok: false; response: Response };

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
  return headers;
}

/**
 * POSTs (or whatever `init` says) and resolves once the response headers are in: a 2xx as a
 * text stream, anything else read whole as a fetch Response (the provider turns it into its
 * error). Rejects as fetch would: the signal's reason, the socket's error, or the guard's
 * EgressError (an address or redirect it refused).
 */
export async function openModelStream(
  target: ModelTarget,
  url: string,
  init: RequestInit | undefined,
  control: AttemptControl,
): Promise<Opened> {
  const signal =
    init?.signal && init.signal !== control.signal ? AbortSignal.any([init.signal, control.signal]) : control.signal;
  const body = typeof init?.body === 'string' || init?.body instanceof Uint8Array ? init.body : undefined;
  const connectTimer = setTimeout(() => control.abortForConnectTimeout(), control.connectTimeoutMs);
  let answer;
  try {
    answer = await openModelRequest(target, url, {
      method: init?.method ?? 'GET',
      headers: headersOf(init),
      ...(body !== undefined && { body }),
      signal,
    });
  } finally {
    clearTimeout(connectTimer);
  }
  if (answer.status >= 200 && answer.status < 300) {
    answer.body.setEncoding('utf8');
    return { ok: true, body: answer.body };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of answer.body) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) headers.append(name, value);
  return {
    ok: false,
    response: new Response(Buffer.concat(chunks), { status: answer.status, statusText: answer.statusText, headers }),
  };
}
