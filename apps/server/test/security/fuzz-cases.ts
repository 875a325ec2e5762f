import { baseCall, formEncoded, leaves, multipartBody, PNG, BOUNDARY, pathOf, setAt, spliceAt, withBody, withHeader, type Call } from './fuzz-calls';
import type { FuzzTarget } from './fuzz-targets';

/**
 * The explicit hostile cases, applied to every route: NUL and invalid UTF-8 in the path,
 * query, body and headers; huge and malformed headers; bodies of the wrong kind, shape and
 * size. Each changes one part of the legitimate call and names itself for the report.
 */
export interface Variant {
  name: string;
  call: Call;
}

const latin1 = (...bytes: number[]) => Buffer.from(bytes);
const HIGH_BYTES = latin1(0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0x80);
const K64 = 'x'.repeat(64 * 1024);
const K8 = 'x'.repeat(8 * 1024);
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

export interface CaseContext {
  bodyLimitBytes: number;
}

/** The body's JSON text with more members (raw JSON text each). */
function addMembers(valid: unknown, members: string): string {
  const text = JSON.stringify(valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {});
  return text === '{}' ? `{${members}}` : `${text.slice(0, -1)},${members}}`;
}

function pathCases(t: FuzzTarget, call: Call): Variant[] {
  const out: Variant[] = [];
  const names = Object.keys(t.params);
  const values: Array<[string, (v: string) => string]> = [
    ['NUL appended', (v) => `${v}%00`],
    ['only NUL', () => '%00'],
    ['invalid UTF-8', () => '%FF%FE%C3%28'],
    ['overlong NUL', () => '%C0%80'],
    ['lone surrogate', () => '%ED%A0%80'],
    ['broken escape', (v) => `${v}%`],
    ['8 KB', () => K8],
    ['dot segments', () => '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['raw high bytes', (v) => `${v}${HIGH_BYTES.toString('latin1')}`],
  ];
  for (const name of names) {
    for (const [what, make] of values) out.push({ name: `path ${name}: ${what}`, call: { ...call, path: pathOf(t, { [name]: make(encodeURIComponent(t.params[name]!)) }) } });
  }
  if (!names.length) {
    out.push({ name: 'path: NUL suffix', call: { ...call, path: `${call.path}%00` } });
    out.push({ name: 'path: invalid UTF-8 segment', call: { ...call, path: `${call.path}/%FF%FE` } });
  }
  out.push({ name: 'path: raw NUL', call: { ...call, path: `${call.path}\u0000` } });
  return out;
}

function queryCases(t: FuzzTarget, call: Call): Variant[] {
  const q = (name: string, query: string): Variant => ({ name: `query ${name}`, call: { ...call, query } });
  const out = [q('NUL key', '%00=1'), q('NUL value', 'x=%00'), q('invalid UTF-8', 'x=%FF%FE'), q('broken escape', 'x=%E0%A4%A'), q('5,000 parameters', Array.from({ length: 5000 }, (_, i) => `p${i}=1`).join('&'))];
  for (const name of t.queryNames) {
    out.push(q(`${name}=NUL`, `${name}=%00`), q(`${name}=invalid UTF-8`, `${name}=%FF%FE`), q(`${name}=8 KB`, `${name}=${K8}`));
    out.push(q(`${name} twice`, `${name}=1&${name}=2`), q(`${name}[]`, `${name}[]=1`), q(`${name} empty`, `${name}=`), q(`${name} huge number`, `${name}=1e999`));
  }
  return out;
}

function headerCases(t: FuzzTarget, call: Call): Variant[] {
  const h = (name: string, header: string, value: string | Buffer | null, base = call): Variant => ({ name: `header ${name}`, call: withHeader(base, header, value) });
  // The cookie checks (session, same-origin) run on the dashboard's call of the route.
  const session = baseCall(t, true);
  const noOrigin = withHeader(session, 'Origin', null);
  const out: Variant[] = [
    h('64 KB cookie', 'Cookie', `a=${K64}`),
    h('64 KB authorization', 'Authorization', `Bearer ${K64}`),
    h('64 KB unknown header', 'X-Fuzz', K64),
    h('raw NUL in a value', 'X-Fuzz', latin1(0x61, 0x00, 0x62)),
    { name: 'header: NUL in a name', call: { ...call, headers: [...call.headers, ['X-Broken\u0000', 'x']] } },
    h('authorization: scheme only', 'Authorization', 'Bearer'),
    h('authorization: empty token', 'Authorization', 'Bearer  '),
    h('authorization: three parts', 'Authorization', 'Bearer a b'),
    h('authorization: Basic', 'Authorization', 'Basic Zm9vOmJhcg=='),
    h('authorization: 8 KB key', 'Authorization', `Bearer sb_live_${K8}`),
    h('authorization: high bytes', 'Authorization', Buffer.concat([Buffer.from('Bearer sb_live_'), HIGH_BYTES])),
    h('authorization: %00', 'Authorization', 'Bearer sb_live_%00'),
    h('authorization: visitor-like', 'Authorization', 'Bearer vt.e30.sig'),
    h('authorization: empty', 'Authorization', ''),
    h('cookie: bad escape', 'Cookie', 'switchboard.session_token=%ZZ%00; a=%', session),
    h('cookie: no names', 'Cookie', '=;;=;==', session),
    h('cookie: high bytes', 'Cookie', Buffer.concat([Buffer.from('switchboard.session_token='), HIGH_BYTES]), session),
    h('cookie: 8 KB token', 'Cookie', `switchboard.session_token=${K8}`, session),
    h('cookie: signed-token shape', 'Cookie', 'switchboard.session_token=abc.def%00ghi', session),
    h('referer: unparsable', 'Referer', 'http://[::1', noOrigin),
    h('referer: no scheme', 'Referer', '::::', noOrigin),
    h('referer: high bytes', 'Referer', Buffer.concat([Buffer.from('http://'), HIGH_BYTES]), noOrigin),
    h('referer: javascript', 'Referer', 'javascript:alert(1)', noOrigin),
    h('origin: null', 'Origin', 'null', session),
    h('origin: unparsable', 'Origin', 'http://[', session),
    h('origin: high bytes', 'Origin', Buffer.concat([Buffer.from('https://'), HIGH_BYTES]), session),
    h('sec-fetch-site without origin', 'Sec-Fetch-Site', 'same-origin', noOrigin),
    h('workspace: %00', 'X-Workspace-Id', 'ten_%00', session),
    h('workspace: high bytes', 'X-Workspace-Id', HIGH_BYTES, session),
    h('workspace: 8 KB', 'X-Workspace-Id', K8, session),
    h('host: unparsable', 'Host', '[::1'),
    h('host: high bytes', 'Host', HIGH_BYTES),
    h('host: bad port', 'Host', 'localhost:99999999'),
    h('accept: event stream', 'Accept', 'text/event-stream'),
    h('accept: malformed', 'Accept', 'text/*;q=abc, ,;'),
    h('idempotency key: high bytes', 'Idempotency-Key', HIGH_BYTES),
    h('idempotency key: 8 KB', 'Idempotency-Key', K8),
    h('last event id: high bytes', 'Last-Event-ID', HIGH_BYTES),
    h('last event id: %00', 'Last-Event-ID', 'msg_%00'),
    h('forwarded for: garbage', 'X-Forwarded-For', 'garbage, , ::ffff:999.1.1.1, [::1]:80'),
    h('forwarded for: high bytes', 'X-Forwarded-For', HIGH_BYTES),
    h('conversation id: high bytes', 'X-Conversation-Id', HIGH_BYTES),
  ];
  if (t.sessionHeaders) out.push({ name: 'the dashboard’s call (session cookie)', call: session });
  return out;
}

function framingCases(call: Call): Variant[] {
  const body = call.body ?? Buffer.from('{}');
  const withType = call.body ? call : withHeader(call, 'Content-Type', 'application/json');
  return [
    { name: 'content-length: not a number', call: { ...withType, body, contentLength: 'abc' } },
    { name: 'content-length: negative', call: { ...withType, body, contentLength: '-1' } },
    { name: 'content-length: shorter than the body', call: { ...withType, body: Buffer.concat([body, Buffer.from('GARBAGE / HTTP/1.1\r\n\r\n')]), contentLength: String(body.length) } },
    { name: 'content-length: twice, different', call: { ...withHeader(withType, 'Content-Length', String(body.length + 1)), body, contentLength: String(body.length) } },
    { name: 'content-length with chunked', call: { ...withHeader(withType, 'Transfer-Encoding', 'chunked'), body, contentLength: String(body.length) } },
    { name: 'chunked: bad chunk size', call: { ...withHeader(withType, 'Transfer-Encoding', 'chunked'), body: Buffer.from('zz\r\nabc\r\n0\r\n\r\n'), contentLength: null } },
    { name: 'chunked: valid', call: { ...withHeader(withType, 'Transfer-Encoding', 'chunked'), body: Buffer.from(`${body.length.toString(16)}\r\n${body.toString('latin1')}\r\n0\r\n\r\n`, 'latin1'), contentLength: null } },
  ];
}

function jsonBodyCases(t: FuzzTarget, call: Call, context: CaseContext): Variant[] {
  const b = (name: string, body: Buffer | string | undefined, type: string | Buffer | null = 'application/json'): Variant => ({ name: `body ${name}`, call: withBody(call, body, type) });
  const valid = t.body ?? {};
  const text = JSON.stringify(valid);
  const out: Variant[] = [
    b('invalid JSON', '{"truncated": '), b('empty', ''), b('null', 'null'), b('array', '[]'), b('number', '42'), b('string', '"s"'),
    b('wrong shape', JSON.stringify({ name: 42, email: 7, role: 'emperor', userId: [], scopes: 'all', content: {}, agentId: null, rating: 'five' })),
    b('raw NUL byte', Buffer.concat([Buffer.from(addMembers(valid, '"x":"a').slice(0, -1)), latin1(0), Buffer.from('b"}')])),
    b('NUL in a key', addMembers(valid, '"a\\u0000b":1')),
    b('deeply nested array', deepArray(100_000)),
    b('deeply nested object', deepObject(50_000)),
    b('prototype keys', addMembers(valid, '"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}')),
    b('over the size limit', addMembers(valid, `"pad":"${'x'.repeat(context.bodyLimitBytes)}"`)),
    b('50,000 keys', JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])))),
    b('as form fields', formEncoded(valid), 'application/x-www-form-urlencoded'),
    b('NUL in form fields', 'name=a%00b&content=%00&email=%00', 'application/x-www-form-urlencoded'),
    b('as multipart', multipartBody(Object.entries(valid as object).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) }))), `multipart/form-data; boundary=${BOUNDARY}`),
    b('multipart without a boundary', text, 'multipart/form-data'),
    b('as plain text', text, 'text/plain'),
    b('without a content type', text, null),
    b('JSON in Latin-1', text, 'application/json; charset=latin1'),
    b('JSON in UTF-16', Buffer.concat([latin1(0xff, 0xfe), Buffer.from(text, 'utf16le')]), 'application/json; charset=utf-16'),
    b('vendor JSON type', text, 'application/vnd.api+json'),
    b('malformed content type', text, 'application/json;;;=;'),
    b('content type: high bytes', text, Buffer.concat([Buffer.from('application/json; charset='), HIGH_BYTES])),
  ];
  const paths = leaves(valid).slice(0, 8);
  for (const path of paths) {
    const at = path.join('.') || '(body)';
    const leaf = path.reduce<any>((v, k) => v?.[k], valid);
    out.push(b(`${at}: NUL`, JSON.stringify(setAt(valid, path, `${typeof leaf === 'string' ? leaf : 'x'}\u0000`))));
    out.push(b(`${at}: invalid UTF-8`, spliceAt(valid, path, Buffer.concat([Buffer.from('"a'), HIGH_BYTES, Buffer.from('"')]))));
    out.push(b(`${at}: lone surrogates`, spliceAt(valid, path, '"\\ud800\\udfff\\ud800x"')));
    out.push(b(`${at}: nesting`, spliceAt(valid, path, deepArray(2_000))));
    out.push(b(`${at}: object`, spliceAt(valid, path, '{"$gt":"","toString":1}')));
    out.push(b(`${at}: huge number`, spliceAt(valid, path, '1e999')));
  }
  // Size cases once per route: they cost the most to send.
  const first = paths[0]!;
  out.push(b('near the size limit', JSON.stringify(setAt(valid, first, 'x'.repeat(context.bodyLimitBytes - text.length - 64)))));
  out.push(b('20,000-item array', JSON.stringify(setAt(valid, first, Array.from({ length: 20_000 }, () => first.reduce<any>((v, k) => v?.[k], valid) ?? 1)))));
  out.push(b('deep nesting inside', spliceAt(valid, first, deepArray(20_000))));
  return out;
}

function multipartCases(call: Call): Variant[] {
  const m = (name: string, body: Buffer | string, type = `multipart/form-data; boundary=${BOUNDARY}`): Variant => ({ name: `multipart ${name}`, call: withBody(call, body, type) });
  const file = { name: 'file', value: PNG, filename: 'dot.png', type: 'image/png' };
  return [
    m('JSON instead', '{"file":"not a file"}', 'application/json'),
    m('form fields instead', 'file=abc', 'application/x-www-form-urlencoded'),
    m('without the file', multipartBody([{ name: 'title', value: 'x' }])),
    m('NUL in the file name', multipartBody([{ ...file, filename: latin1(0x61, 0x00, 0x2e, 0x70, 0x6e, 0x67) }])),
    m('%00 in the file name', multipartBody([{ ...file, filename: 'a%00.png' }])),
    m('invalid UTF-8 file name', multipartBody([{ ...file, filename: Buffer.concat([HIGH_BYTES, Buffer.from('.png')]) }])),
    m('8 KB file name', multipartBody([{ ...file, filename: `${K8}.png` }])),
    m('NUL in the title', multipartBody([file, { name: 'title', value: 'a\u0000b' }, { name: 'language', value: 'e\u0000n' }])),
    m('NUL in a field name', multipartBody([file, { name: 'ti\u0000tle', value: 'x' }])),
    m('two files', multipartBody([file, file])),
    m('empty file', multipartBody([{ ...file, value: Buffer.alloc(0) }])),
    m('truncated', multipartBody([file]).subarray(0, 60)),
    m('other boundary', multipartBody([file]), 'multipart/form-data; boundary=other'),
    m('no boundary', multipartBody([file]), 'multipart/form-data'),
  ];
}

export function explicitVariants(t: FuzzTarget, context: CaseContext): Variant[] {
  const call = baseCall(t);
  const out = [{ name: 'legitimate call', call }, ...pathCases(t, call), ...queryCases(t, call), ...headerCases(t, call)];
  if (t.method !== 'GET' && t.method !== 'OPTIONS') {
    out.push(...framingCases(call));
    out.push(...(t.multipart ? multipartCases(call) : jsonBodyCases(t, call, context)));
  }
  return out;
}
