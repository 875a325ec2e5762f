import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';
import { EgressError } from './errors';
import type { Target } from './target';

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

export interface HopRequest {
  method: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  signal: AbortSignal;
  /** The checked addresses the socket must connect to; null for an operator's address (resolved as usual). */
  pinned: readonly PinnedAddress[] | null;
  /** A keep-alive agent of the guard, or false for a fresh connection. */
  agent: http.Agent | false;
}

export interface OpenedHop {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body as it arrives (still encoded): read it through `cappedBody`, or destroy it. */
  res: http.IncomingMessage;
}

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Answers the socket's DNS lookup with the addresses already checked, so nothing can
 * resolve the name a second time and get a different answer (DNS rebinding). The URL keeps
 * the hostname, so the Host header, TLS SNI and certificate check still use the name.
 */
function pinnedLookup(addresses: readonly PinnedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (!first) return callback(new Error('no checked address to connect to'), '');
    if (options.all)
      return callback(
        null,
        addresses.map((a) => ({ address: a.address, family: a.family })),
      );
    return callback(null, first.address, first.family);
  };
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** `text/*` and `*\/*` patterns are allowed in `accept`. */
export function typeAccepted(type: string, accept: readonly string[]): boolean {
  return accept.some((pattern) => {
    const wanted = pattern.toLowerCase();
    if (wanted === '*/*') return true;
    if (wanted.endsWith('/*')) return type.startsWith(wanted.slice(0, -1));
    return type === wanted;
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decoderFor(res: http.IncomingMessage): Transform | null {
  switch ((res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Whether `cappedBody` will decode this response (so its content-encoding no longer applies). */
export const isEncoded = (res: http.IncomingMessage): boolean => decoderFor(res) !== null;

function tooLarge(url: string, maxBytes: number): EgressError {
  return new EgressError('too_large', url, `The response from ${url} is larger than the ${maxBytes}-byte limit.`);
}

/**
 * The decoded body as a stream that fails with `too_large` (and closes the connection) once
 * it passes maxBytes: a compressed body is capped after inflating. Destroying the returned
 * stream closes the response too.
 */
export function cappedBody(res: http.IncomingMessage, url: string, maxBytes: number): Readable {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge(url, maxBytes);
  }
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) callback(tooLarge(url, maxBytes));
      else callback(null, chunk);
    },
  });
  const decoder = decoderFor(res);
  // pipeline destroys every stage when one fails or the reader stops: the socket is closed.
  pipeline(decoder ? [res, decoder, counter] : [res, counter], () => undefined);
  return counter;
}

/** Reads at most maxBytes of the decoded body. */
export async function readCapped(res: http.IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of cappedBody(res, url, maxBytes)) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/**
 * One request to one checked address (or an operator's host). Resolves once the response
 * headers are in; redirects are returned like any response, never followed here. The signal
 * ends the request and, later, its body.
 */
export function openHop(target: Target, req: HopRequest): Promise<OpenedHop> {
  const { url } = target;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<OpenedHop>((resolve, reject) => {
    // Aborted before the request exists (between the address check and here): nothing to
    // destroy, and a request destroyed before its error listener would crash the process.
    if (req.signal.aborted)
      return reject(req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted'));
    let res: http.IncomingMessage | undefined;
    const request = client.request({
      protocol: url.protocol,
      hostname: target.host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.headers,
      agent: req.agent,
      ...(req.pinned && { lookup: pinnedLookup(req.pinned) }),
    });
    const onAbort = () => {
      const reason = req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted');
      res?.destroy(reason);
      request.destroy(reason);
    };
    req.signal.addEventListener('abort', onAbort, { once: true });
    const done = () => req.signal.removeEventListener('abort', onAbort);

    request.on('error', (error) => {
      done();
      reject(error);
    });
    request.on('response', (response) => {
      res = response;
      response.once('close', done);
      // Errors reach whoever reads the body; one destroyed unread must not crash the process.
      response.on('error', () => undefined);
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: flattenHeaders(response.headers),
        res: response,
      });
    });
    request.end(req.body);
  });
}
