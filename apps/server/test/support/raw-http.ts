import net from 'node:net';

/**
 * HTTP/1.1 written byte for byte on a socket. fetch and node:http refuse what an attacker
 * sends freely (NUL or raw non-ASCII bytes in the path and headers, a wrong Content-Length,
 * 64 KB headers), so the hostile-input tests speak the protocol themselves.
 */
export interface RawRequest {
  method: string;
  /** Path and query, as bytes on the wire (a string is sent as latin1: one byte per char). */
  target: string | Buffer;
  /** Header name → value; values go on the wire as latin1, so any byte can be sent. */
  headers?: Array<[string, string | Buffer]>;
  body?: string | Buffer;
  /** Set Content-Length from the body (default true; false to send your own or none). */
  contentLength?: boolean;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The response was an event stream (read up to its headers only). */
  stream: boolean;
}

const bytes = (value: string | Buffer) => (typeof value === 'string' ? Buffer.from(value, 'latin1') : value);

export function encodeRequest(host: string, request: RawRequest): Buffer {
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === 'string'
        ? Buffer.from(request.body, 'utf8')
        : request.body;
  const lines: Buffer[] = [
    Buffer.from(`${request.method} `),
    bytes(request.target),
    Buffer.from(` HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n`),
  ];
  for (const [name, value] of request.headers ?? [])
    lines.push(Buffer.from(`${name}: `), bytes(value), Buffer.from('\r\n'));
  if (body && request.contentLength !== false) lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`));
  lines.push(Buffer.from('\r\n'));
  if (body) lines.push(body);
  return Buffer.concat(lines);
}

/** The chunked body decoded; null while it is not complete. */
function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return null;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(parts);
    if (data.length < eol + 2 + size + 2) return null;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Parses what arrived; null while the response is not complete. */
function parse(data: Buffer, ended: boolean): RawResponse | null {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  if ((headers['content-type'] ?? '').startsWith('text/event-stream'))
    return { status, headers, body: Buffer.alloc(0), stream: true };
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? { status, headers, body: rest.subarray(0, length), stream: false } : null;
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body = dechunk(rest);
    return body ? { status, headers, body, stream: false } : null;
  }
  return ended ? { status, headers, body: rest, stream: false } : null;
}

/**
 * Sends the request and resolves with the response, or null when the server closed the
 * connection without answering or sent nothing within `timeoutMs`.
 */
export function sendRaw(url: string, request: RawRequest | Buffer, timeoutMs = 10_000): Promise<RawResponse | null> {
  const { hostname, port } = new URL(url);
  const payload = Buffer.isBuffer(request) ? request : encodeRequest(`${hostname}:${port}`, request);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (response: RawResponse | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
    };
    const timer = setTimeout(() => finish(parse(data, true)), timeoutMs);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const response = parse(data, false);
      if (response) finish(response);
    });
    // The server may answer and close before it has read all we sent (a refused upload).
    socket.on('error', () => finish(parse(data, true)));
    socket.on('end', () => finish(parse(data, true)));
  });
}
