import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
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
  maxBytes: number;
  accept: readonly string[] | undefined;
  throwHttpErrors: boolean;
  signal: AbortSignal;
}

export interface HopResponse {
  status: number;
  headers: Record<string, string>;
  /** Set on a redirect; the body was discarded. */
  location: string | undefined;
  body: Buffer;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Answers the socket's DNS lookup with the addresses already checked, so nothing can
 * resolve the name a second time and get a different answer (DNS rebinding). The URL keeps
 * the hostname, so the Host header, TLS SNI and certificate check still use the name.
 */
function pinnedLookup(addresses: readonly PinnedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (!first) return callback(new Error('no checked address to connect to'), '');
    if (options.all) return callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
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

function decoded(res: http.IncomingMessage): Readable {
  switch ((res.headers['content-encoding'] ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(zlib.createGunzip());
    case 'deflate':
      return res.pipe(zlib.createInflate());
    case 'br':
      return res.pipe(zlib.createBrotliDecompress());
    default:
      return res;
  }
}

/** Reads at most maxBytes of the decoded body; a compressed body is capped after inflating. */
async function readCapped(res: http.IncomingMessage, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(url, maxBytes);
  const stream = decoded(res);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const part of stream) {
      const buffer = part as Buffer;
      total += buffer.length;
      if (total > maxBytes) throw tooLarge(url, maxBytes);
      parts.push(buffer);
    }
  } catch (error) {
    res.destroy();
    if (stream !== res) stream.destroy();
    throw error;
  }
  return Buffer.concat(parts, total);
}

function tooLarge(url: string, maxBytes: number): EgressError {
  return new EgressError('too_large', url, `The response from ${url} is larger than the ${maxBytes}-byte limit.`);
}

/** One request to one checked address; redirects are returned, not followed. */
export function requestOnce(target: Target, addresses: readonly PinnedAddress[], req: HopRequest): Promise<HopResponse> {
  const { url } = target;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<HopResponse>((resolve, reject) => {
    const request = client.request({
      protocol: url.protocol,
      hostname: target.host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.headers,
      // A fresh connection per request: a pooled socket could be one opened to another address.
      agent: false,
      lookup: pinnedLookup(addresses),
    });
    const onAbort = () => request.destroy(req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted'));
    if (req.signal.aborted) return onAbort();
    req.signal.addEventListener('abort', onAbort, { once: true });
    const done = () => req.signal.removeEventListener('abort', onAbort);

    request.on('error', (error) => {
      done();
      reject(error);
    });
    request.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const headers = flattenHeaders(res.headers);
      const finish = (body: Buffer, location?: string) => {
        done();
        resolve({ status, headers, location, body });
      };
      if (REDIRECTS.has(status) && headers.location) {
        res.destroy();
        return finish(Buffer.alloc(0), headers.location);
      }
      if (status >= 400 && req.throwHttpErrors) {
        res.destroy();
        done();
        return reject(new EgressError('http_error', url.href, `${url.href} answered with HTTP ${status}.`, status));
      }
      const type = mediaType(headers['content-type']);
      if (req.accept && status < 300 && !typeAccepted(type, req.accept)) {
        res.destroy();
        done();
        return reject(
          new EgressError('unsupported_type', url.href, `${url.href} is ${type || 'of no declared type'}, which is not one of: ${req.accept.join(', ')}.`),
        );
      }
      if (req.method === 'HEAD') {
        res.resume();
        return finish(Buffer.alloc(0));
      }
      readCapped(res, url.href, req.maxBytes).then(
        (body) => finish(body),
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
    request.end(req.body);
  });
}
