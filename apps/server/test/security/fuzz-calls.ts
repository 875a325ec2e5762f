import type { RawRequest } from '../support/raw-http';
import type { FuzzTarget } from './fuzz-targets';

/** A request under construction: each hostile variant changes one part of a legitimate call. */
export interface Call {
  method: string;
  /** Path and query as wire bytes (latin1 string: one char per byte). */
  path: string;
  query: string;
  headers: Array<[string, string | Buffer]>;
  body?: Buffer;
  /** Send this Content-Length instead of the body's (or none: null). */
  contentLength?: string | null;
}

export type JsonPath = Array<string | number>;

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);
export const BOUNDARY = 'fuzzboundary7MA4YWxkTrZu0gW';

/** Percent-encodes every byte that is not unreserved: any byte sequence, valid UTF-8 or not. */
export const percentBytes = (bytes: Uint8Array) =>
  [...bytes]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0').toUpperCase()}`,
    )
    .join('');
/** A string as UTF-8, percent-encoded (lone surrogates become U+FFFD, as a browser sends them). */
export const percentText = (text: string) => percentBytes(Buffer.from(text, 'utf8'));

export function pathOf(t: FuzzTarget, replace: Record<string, string> = {}): string {
  let path = t.template;
  for (const [name, value] of Object.entries(t.params))
    path = path.replace(`{${name}}`, replace[name] ?? percentText(value));
  return path;
}

export function multipartBody(
  parts: Array<{ name: string; value: string | Buffer; filename?: string | Buffer; type?: string }>,
  boundary = BOUNDARY,
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename =
      part.filename === undefined
        ? []
        : [Buffer.from('; filename="'), Buffer.from(part.filename as string | Buffer), Buffer.from('"')];
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`),
      ...filename,
      Buffer.from('\r\n'),
    );
    if (part.type) chunks.push(Buffer.from(`Content-Type: ${part.type}\r\n`));
    chunks.push(Buffer.from('\r\n'), Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
/** The file each upload route takes: knowledge reads documents, the widget takes images too. */
export const uploadFile = (t: FuzzTarget) =>
  t.template.startsWith('/api/v1/knowledge/')
    ? {
        name: 'file',
        value: Buffer.from('# Opening hours\n\nWe open at nine.\n'),
        filename: 'hours.md',
        type: 'text/markdown',
      }
    : { name: 'file', value: PNG, filename: 'dot.png', type: 'image/png' };

/** The legitimate call of a target (with a signed-in person's cookie instead of its credentials: `session`). */
export function baseCall(t: FuzzTarget, session = false): Call {
  const headers: Array<[string, string | Buffer]> = [...(session && t.sessionHeaders ? t.sessionHeaders : t.headers)];
  const accept = t.template.endsWith('/events')
    ? 'text/event-stream'
    : t.template === '/{wildcard}'
      ? 'text/html'
      : 'application/json';
  headers.push(['Accept', accept]);
  let body: Buffer | undefined;
  if (t.multipart) {
    headers.push(['Content-Type', MULTIPART_TYPE]);
    body = multipartBody([uploadFile(t), { name: 'title', value: 'Hours' }]);
  } else if (t.body !== undefined) {
    headers.push(['Content-Type', 'application/json']);
    body = Buffer.from(JSON.stringify(t.body));
  }
  return { method: t.method, path: pathOf(t), query: '', headers, ...(body && { body }) };
}

export function withHeader(call: Call, name: string, value: string | Buffer | null): Call {
  const headers = call.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  if (value !== null) headers.push([name, value]);
  return { ...call, headers };
}

export function withBody(
  call: Call,
  body: Buffer | string | undefined,
  contentType: string | Buffer | null = 'application/json',
): Call {
  const next = withHeader(call, 'Content-Type', contentType);
  return { ...next, body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8') };
}

export function toRaw(call: Call): RawRequest {
  const headers = [...call.headers];
  if (typeof call.contentLength === 'string') headers.push(['Content-Length', call.contentLength]);
  return {
    method: call.method,
    target: call.query ? `${call.path}?${call.query}` : call.path,
    headers,
    ...(call.body && { body: call.body }),
    contentLength: call.contentLength === undefined,
  };
}

/** Paths to every leaf of a JSON value (strings, numbers, booleans, null, empty containers). */
export function leaves(value: unknown, path: JsonPath = []): JsonPath[] {
  if (Array.isArray(value)) return value.length ? value.flatMap((v, i) => leaves(v, [...path, i])) : [path];
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length ? entries.flatMap(([k, v]) => leaves(v, [...path, k])) : [path];
  }
  return [path];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function setAt(value: unknown, path: JsonPath, leaf: unknown): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head!] = setAt(copy[head!], rest, leaf);
  return copy;
}

const MARK = '__fuzz_splice_7f3a__';
/** The body's JSON with the leaf at `path` replaced by raw bytes (invalid UTF-8, deep nesting…). */
export function spliceAt(body: unknown, path: JsonPath, raw: Buffer | string): Buffer {
  const text = JSON.stringify(setAt(body, path, MARK));
  const at = text.indexOf(`"${MARK}"`);
  return Buffer.concat([
    Buffer.from(text.slice(0, at)),
    Buffer.isBuffer(raw) ? raw : Buffer.from(raw),
    Buffer.from(text.slice(at + MARK.length + 2)),
  ]);
}

/** The body's top-level fields, form-encoded (objects as JSON text). */
export function formEncoded(body: unknown): string {
  const fields = body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [['value', body]];
  return new URLSearchParams(
    fields.map(([k, v]) => [String(k), typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
  ).toString();
}
