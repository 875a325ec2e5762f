import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A small S3-compatible server for tests, speaking the REST wire format (path-style
 * `/<bucket>/<key>`: PUT, GET, HEAD, DELETE object) and checking every request's AWS
 * Signature V4 for real: canonical request, string to sign, derived key, payload hash and
 * clock skew, as S3 does. Objects are files in a temporary directory.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every request: method, object key, and the status answered. */
  log: Array<{ method: string; key: string; status: number; code?: string }>;
  /** Object keys currently stored. */
  keys(): string[];
  /** Removes an object behind the application's back (a lost file). */
  remove(key: string): void;
  /** The next PUT is answered 200 but its object is lost, as if removed at once. */
  loseNextPut(): void;
  close(): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
// RFC 3986 unreserved characters stay; everything else is %XX (S3's URI-encode).
const uriEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function xmlError(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>test</RequestId></Error>`,
  );
}

interface Verdict {
  ok: boolean;
  code?: string;
  message?: string;
}

function verifySignature(
  req: http.IncomingMessage,
  body: Buffer,
  creds: { accessKeyId: string; secretAccessKey: string; region: string },
): Verdict {
  const auth = req.headers.authorization ?? '';
  const match =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!match) return { ok: false, code: 'AccessDenied', message: 'Missing or malformed SigV4 Authorization header' };
  const [, keyId, day, region, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (keyId !== creds.accessKeyId)
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      message: 'The AWS access key Id you provided does not exist in our records.',
    };
  if (region !== creds.region)
    return {
      ok: false,
      code: 'AuthorizationHeaderMalformed',
      message: `the region '${region}' is wrong; expecting '${creds.region}'`,
    };
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!when || !amzDate.startsWith(day)) return { ok: false, code: 'AccessDenied', message: 'Bad X-Amz-Date' };
  const at = Date.UTC(+when[1]!, +when[2]! - 1, +when[3]!, +when[4]!, +when[5]!, +when[6]!);
  if (Math.abs(Date.now() - at) > 15 * 60_000)
    return {
      ok: false,
      code: 'RequestTimeTooSkewed',
      message: 'The difference between the request time and the current time is too large.',
    };
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD') {
    if (!/^[0-9a-f]{64}$/.test(payloadHash))
      return {
        ok: false,
        code: 'NotImplemented',
        message: `x-amz-content-sha256 ${payloadHash} is not supported here`,
      };
    if (payloadHash !== sha256(body))
      return {
        ok: false,
        code: 'XAmzContentSHA256Mismatch',
        message: 'The provided x-amz-content-sha256 header does not match what was computed.',
      };
  }
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date'))
    return { ok: false, code: 'AccessDenied', message: 'host and x-amz-date must be signed' };
  const [rawPath, rawQuery = ''] = (req.url ?? '/').split('?') as [string, string?];
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => pair.split('=').map((part) => uriEncode(decodeURIComponent(part ?? ''))) as [string, string?])
    .map(([k, v = '']) => [k, v] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headerValue = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonical = [
    req.method,
    rawPath,
    query,
    names.map((n) => `${n}:${headerValue(n)}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, day), region), 's3'), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  }
  return { ok: true };
}

export async function startS3Server(options: { bucket?: string; region?: string } = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'switchboard-test';
  const region = options.region ?? 'us-east-1';
  const creds = { accessKeyId: 'AKIATESTSWITCHBOARD', secretAccessKey: 'test-secret-key/with+symbols=', region };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-s3-'));
  // Object keys are arbitrary strings; their files are named by a hash of the key.
  const fileOf = (key: string) => path.join(root, sha256(key));
  const index = new Map<string, string>();
  const log: S3TestServer['log'] = [];
  let losePut = false;
  let closed: Promise<void> | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const pathname = (req.url ?? '/').split('?')[0]!;
      const [, bucketPart = '', ...rest] = pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const answer = (status: number, code?: string) =>
        log.push({ method: req.method ?? '', key, status, ...(code && { code }) });
      const verdict = verifySignature(req, body, creds);
      if (!verdict.ok) {
        answer(403, verdict.code);
        return xmlError(res, verdict.code === 'NotImplemented' ? 501 : 403, verdict.code!, verdict.message!);
      }
      if (decodeURIComponent(bucketPart) !== bucket) {
        answer(404, 'NoSuchBucket');
        return xmlError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
      }
      const etag = (data: Buffer) => `"${createHash('md5').update(data).digest('hex')}"`;
      switch (req.method) {
        case 'PUT':
          if (losePut) losePut = false;
          else {
            fs.writeFileSync(fileOf(key), body);
            index.set(key, fileOf(key));
          }
          answer(200);
          res.writeHead(200, { etag: etag(body) }).end();
          return;
        case 'GET':
        case 'HEAD': {
          if (!index.has(key)) {
            answer(404, 'NoSuchKey');
            return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
          }
          const data = fs.readFileSync(fileOf(key));
          answer(200);
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-length': data.length,
            etag: etag(data),
            'last-modified': new Date().toUTCString(),
          });
          res.end(req.method === 'GET' ? data : undefined);
          return;
        }
        case 'DELETE':
          index.delete(key);
          fs.rmSync(fileOf(key), { force: true });
          answer(204);
          res.writeHead(204).end();
          return;
        default:
          answer(405, 'MethodNotAllowed');
          return xmlError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region,
    accessKeyId: creds.accessKeyId,
    secretAccessKey: creds.secretAccessKey,
    log,
    keys: () => [...index.keys()].sort(),
    remove(key) {
      index.delete(key);
      fs.rmSync(fileOf(key), { force: true });
    },
    loseNextPut() {
      losePut = true;
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(root, { recursive: true, force: true });
          resolve();
        });
      })),
  };
}
