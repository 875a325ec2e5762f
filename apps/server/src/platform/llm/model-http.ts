import http from 'node:http';
import https from 'node:https';
import type { AttemptControl } from './attempt-control';

/*
 * The HTTP request of a streamed OpenAI chat call, with node:http rather than fetch. fetch
 * (undici) hands the body over as a web ReadableStream — a promise chain per chunk, and on the
 * chat bench ≈ 2 ms of CPU per answer more than node:http's readable for the same bytes. Only
 * the streaming chat call of openai-chat-stream.ts goes this way; everything else uses fetch.
 *
 * What fetch did for that call is done here: the connect timeout (response headers within
 * connectMs, as AttemptControl.fetch), the abort signal (which ends the request, not just our
 * reading), keep-alive connections, https. Redirects are not followed: a model API does not
 * redirect a POST, and a 3xx comes back as the error response it is.
 */

/**
 * Idle sockets are dropped after 4 s, as fetch does: a server closing its own at 5 s (Node's and
 * uvicorn's default, so vLLM's) could otherwise close one under a request being sent on it.
 * The timeout only drops free sockets; a stream that pauses longer is not cut.
 */
const IDLE_MS = 4_000;
const agents = { 'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }), 'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }) };

export type Opened = { ok: true; body: AsyncIterable<string> } | { ok: false; response: Response };

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
  return headers;
}

function flatHeaders(message: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(key, one);
  }
  return headers;
}

/**
 * POSTs (or whatever `init` says) and resolves once the response headers are in: a 2xx as a
 * text stream, anything else read whole as a fetch Response (the provider turns it into its
 * error). Rejects as fetch would: the signal's reason / an AbortError, or the socket's error.
 */
export function openModelStream(url: string, init: RequestInit | undefined, control: AttemptControl): Promise<Opened> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!transport) return Promise.reject(new TypeError(`Unsupported protocol ${target.protocol}`));
  const signal = init?.signal && init.signal !== control.signal ? AbortSignal.any([init.signal, control.signal]) : control.signal;
  return new Promise<Opened>((resolve, reject) => {
    const connectTimer = setTimeout(() => control.abortForConnectTimeout(), control.connectTimeoutMs);
    const request = transport.request(
      target,
      { method: init?.method ?? 'GET', headers: headersOf(init), agent: agents[target.protocol as 'http:' | 'https:'], signal },
      (response) => {
        clearTimeout(connectTimer);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          response.setEncoding('utf8');
          return resolve({ ok: true, body: response });
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => resolve({ ok: false, response: new Response(Buffer.concat(chunks), { status, statusText: response.statusMessage ?? '', headers: flatHeaders(response) }) }));
        response.once('error', reject);
      },
    );
    request.once('error', (error) => {
      clearTimeout(connectTimer);
      // Aborted by the control: fetch rejects with the signal's reason; so does this.
      reject(signal.aborted && signal.reason !== undefined ? signal.reason : error);
    });
    request.end(typeof init?.body === 'string' || init?.body instanceof Uint8Array ? init.body : undefined);
  });
}
