import { baseCall, pathOf, withHeader, type Call } from './fuzz-calls';
import { HIGH_BYTES, jsonBodyCases, K8, latin1, multipartCases } from './fuzz-bodies';
import type { FuzzTarget } from './fuzz-targets';

/**
 * The explicit hostile cases: NUL and invalid UTF-8 in the path, query, headers and body;
 * huge and malformed headers; broken framing; bodies of the wrong kind (fuzz-bodies.ts).
 * Each changes one part of the legitimate call and names itself for the report. `core`
 * cases go to every route. The others mostly meet layers every route shares (Node's HTTP
 * parser, the access check): each goes to one route in SPREAD, a different share of routes
 * per case, unless every case is asked for everywhere (TEST_FUZZ_ALL=1).
 */
export interface Variant {
  name: string;
  call: Call;
  core: boolean;
}

export const SPREAD = 4;
const K64 = 'x'.repeat(64 * 1024);

function pathCases(t: FuzzTarget, call: Call): Variant[] {
  const out: Variant[] = [];
  const names = Object.keys(t.params);
  const values: Array<[boolean, string, (v: string) => string]> = [
    [true, 'NUL appended', (v) => `${v}%00`],
    [true, 'invalid UTF-8', () => '%FF%FE%C3%28'],
    [true, 'lone surrogate', () => '%ED%A0%80'],
    [true, 'raw high bytes', (v) => `${v}${HIGH_BYTES.toString('latin1')}`],
    [false, 'only NUL', () => '%00'],
    [false, 'overlong NUL', () => '%C0%80'],
    [false, 'broken escape', (v) => `${v}%`],
    [false, '8 KB', () => K8],
    [false, 'dot segments', () => '..%2F..%2F..%2Fetc%2Fpasswd'],
  ];
  for (const name of names) {
    for (const [core, what, make] of values)
      out.push({
        name: `path ${name}: ${what}`,
        core,
        call: { ...call, path: pathOf(t, { [name]: make(encodeURIComponent(t.params[name]!)) }) },
      });
  }
  if (!names.length) {
    out.push({ name: 'path: NUL suffix', core: true, call: { ...call, path: `${call.path}%00` } });
    out.push({ name: 'path: invalid UTF-8 segment', core: true, call: { ...call, path: `${call.path}/%FF%FE` } });
  }
  out.push({ name: 'path: raw NUL', core: false, call: { ...call, path: `${call.path}\u0000` } });
  return out;
}

function queryCases(t: FuzzTarget, call: Call): Variant[] {
  const q = (core: boolean, name: string, query: string): Variant => ({
    name: `query ${name}`,
    core,
    call: { ...call, query },
  });
  const out = [
    q(true, 'NUL value', 'x=%00'),
    q(false, 'NUL key', '%00=1'),
    q(false, 'invalid UTF-8', 'x=%FF%FE'),
    q(false, 'broken escape', 'x=%E0%A4%A'),
    q(false, '5,000 parameters', Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&')),
  ];
  for (const name of t.queryNames) {
    out.push(q(true, `${name}=NUL`, `${name}=%00`), q(true, `${name}=invalid UTF-8`, `${name}=%FF%FE`));
    out.push(
      q(false, `${name}=8 KB`, `${name}=${K8}`),
      q(false, `${name} twice`, `${name}=1&${name}=2`),
      q(false, `${name}[]`, `${name}[]=1`),
      q(false, `${name} empty`, `${name}=`),
      q(false, `${name} huge number`, `${name}=1e999`),
    );
  }
  return out;
}

function headerCases(t: FuzzTarget, call: Call): Variant[] {
  const h = (core: boolean, name: string, header: string, value: string | Buffer | null, base = call): Variant => ({
    name: `header ${name}`,
    core,
    call: withHeader(base, header, value),
  });
  // The cookie checks (session, same-origin) run on the dashboard's call of the route.
  const session = baseCall(t, true);
  const noOrigin = withHeader(session, 'Origin', null);
  const cookies = t.sessionHeaders !== undefined || t.headers.some(([name]) => name === 'Cookie');
  const bearer = t.headers.some(([name]) => name === 'Authorization');
  return [
    // Read by route handlers: sent to every route.
    h(true, 'accept: event stream', 'Accept', 'text/event-stream'),
    h(true, 'idempotency key: high bytes', 'Idempotency-Key', HIGH_BYTES),
    h(true, 'last event id: high bytes', 'Last-Event-ID', HIGH_BYTES),
    h(true, 'host: high bytes', 'Host', HIGH_BYTES),
    h(cookies, 'referer: unparsable', 'Referer', 'http://[::1', noOrigin),
    h(cookies, 'origin: unparsable', 'Origin', 'http://[', session),
    h(cookies, 'cookie: bad escape', 'Cookie', 'switchboard.session_token=%ZZ%00; a=%', session),
    h(
      bearer,
      'authorization: high bytes',
      'Authorization',
      Buffer.concat([Buffer.from('Bearer sb_live_'), HIGH_BYTES]),
    ),
    h(t.sessionHeaders !== undefined, 'the dashboard’s call (session cookie)', 'X-Fuzz', null, session),
    // Refused by Node's HTTP parser, before any route.
    h(false, '64 KB cookie', 'Cookie', `a=${K64}`),
    h(false, '64 KB authorization', 'Authorization', `Bearer ${K64}`),
    h(false, '64 KB unknown header', 'X-Fuzz', K64),
    h(false, 'raw NUL in a value', 'X-Fuzz', latin1(0x61, 0x00, 0x62)),
    {
      name: 'header: NUL in a name',
      core: false,
      call: { ...call, headers: [...call.headers, ['X-Broken\u0000', 'x']] },
    },
    // Met by the access check every route shares.
    h(false, 'authorization: scheme only', 'Authorization', 'Bearer'),
    h(false, 'authorization: empty token', 'Authorization', 'Bearer  '),
    h(false, 'authorization: three parts', 'Authorization', 'Bearer a b'),
    h(false, 'authorization: Basic', 'Authorization', 'Basic Zm9vOmJhcg=='),
    h(false, 'authorization: 8 KB key', 'Authorization', `Bearer sb_live_${K8}`),
    h(false, 'authorization: %00', 'Authorization', 'Bearer sb_live_%00'),
    h(false, 'authorization: visitor-like', 'Authorization', 'Bearer vt.e30.sig'),
    h(false, 'authorization: empty', 'Authorization', ''),
    h(false, 'cookie: no names', 'Cookie', '=;;=;==', session),
    h(
      false,
      'cookie: high bytes',
      'Cookie',
      Buffer.concat([Buffer.from('switchboard.session_token='), HIGH_BYTES]),
      session,
    ),
    h(false, 'cookie: 8 KB token', 'Cookie', `switchboard.session_token=${K8}`, session),
    h(false, 'cookie: signed-token shape', 'Cookie', 'switchboard.session_token=abc.def%00ghi', session),
    h(false, 'referer: no scheme', 'Referer', '::::', noOrigin),
    h(false, 'referer: high bytes', 'Referer', Buffer.concat([Buffer.from('http://'), HIGH_BYTES]), noOrigin),
    h(false, 'referer: javascript', 'Referer', 'javascript:alert(1)', noOrigin),
    h(false, 'origin: null', 'Origin', 'null', session),
    h(false, 'origin: high bytes', 'Origin', Buffer.concat([Buffer.from('https://'), HIGH_BYTES]), session),
    h(false, 'sec-fetch-site without origin', 'Sec-Fetch-Site', 'same-origin', noOrigin),
    h(false, 'workspace: %00', 'X-Workspace-Id', 'ten_%00', session),
    h(false, 'workspace: high bytes', 'X-Workspace-Id', HIGH_BYTES, session),
    h(false, 'workspace: 8 KB', 'X-Workspace-Id', K8, session),
    h(false, 'host: unparsable', 'Host', '[::1'),
    h(false, 'host: bad port', 'Host', 'localhost:99999999'),
    h(false, 'accept: malformed', 'Accept', 'text/*;q=abc, ,;'),
    h(false, 'idempotency key: 8 KB', 'Idempotency-Key', K8),
    h(false, 'last event id: %00', 'Last-Event-ID', 'msg_%00'),
    h(false, 'forwarded for: garbage', 'X-Forwarded-For', 'garbage, , ::ffff:999.1.1.1, [::1]:80'),
    h(false, 'forwarded for: high bytes', 'X-Forwarded-For', HIGH_BYTES),
    h(false, 'conversation id: high bytes', 'X-Conversation-Id', HIGH_BYTES),
  ];
}

/** Broken message framing: refused by Node's HTTP parser (or read as framed), before any route. */
function framingCases(call: Call): Variant[] {
  const body = call.body ?? Buffer.from('{}');
  const typed = call.body ? call : withHeader(call, 'Content-Type', 'application/json');
  const chunked = withHeader(typed, 'Transfer-Encoding', 'chunked');
  const f = (name: string, next: Call): Variant => ({ name: `framing: ${name}`, core: false, call: next });
  return [
    f('content-length not a number', { ...typed, body, contentLength: 'abc' }),
    f('negative content-length', { ...typed, body, contentLength: '-1' }),
    f('content-length shorter than the body', {
      ...typed,
      body: Buffer.concat([body, Buffer.from('GARBAGE / HTTP/1.1\r\n\r\n')]),
      contentLength: String(body.length),
    }),
    f('two different content-lengths', {
      ...withHeader(typed, 'Content-Length', String(body.length + 1)),
      body,
      contentLength: String(body.length),
    }),
    f('content-length with chunked', { ...chunked, body, contentLength: String(body.length) }),
    f('bad chunk size', { ...chunked, body: Buffer.from('zz\r\nabc\r\n0\r\n\r\n'), contentLength: null }),
    f('chunked body', {
      ...chunked,
      body: Buffer.from(`${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n0\r\n\r\n`, 'latin1'),
      contentLength: null,
    }),
  ];
}

/** Whether a non-core case goes to this route: a stable pick, a different share of routes per case. */
function spread(key: string, name: string): boolean {
  let hash = 0;
  for (const char of `${key}|${name}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return (hash >>> 0) % SPREAD === 0;
}

export function explicitVariants(t: FuzzTarget, options: { bodyLimitBytes: number; all: boolean }): Variant[] {
  const call = baseCall(t);
  const out: Variant[] = [
    { name: 'legitimate call', core: true, call },
    ...pathCases(t, call),
    ...queryCases(t, call),
    ...headerCases(t, call),
  ];
  if (t.method !== 'GET' && t.method !== 'OPTIONS') {
    out.push(...framingCases(call));
    out.push(...(t.multipart ? multipartCases(t, call) : jsonBodyCases(t, call, options.bodyLimitBytes)));
  }
  return out.filter((v) => options.all || v.core || spread(t.key, v.name));
}
