import {
  BOUNDARY,
  formEncoded,
  leaves,
  multipartBody,
  setAt,
  spliceAt,
  uploadFile,
  withBody,
  type Call,
} from './fuzz-calls';
import type { Variant } from './fuzz-cases';
import type { FuzzTarget } from './fuzz-targets';

/** Bodies of the wrong kind, shape, size and encoding, sent to JSON routes and to upload routes. */
export const latin1 = (...bytes: number[]) => Buffer.from(bytes);
/** Invalid UTF-8: stray continuation and lead bytes, an encoded surrogate, an overlong NUL. */
export const HIGH_BYTES = latin1(0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xc0, 0x80);
export const K8 = 'x'.repeat(8 * 1024);
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

/** The body's JSON text with more members (raw JSON text each). */
function addMembers(valid: unknown, members: string): string {
  const text = JSON.stringify(valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {});
  return text === '{}' ? `{${members}}` : `${text.slice(0, -1)},${members}}`;
}

export function jsonBodyCases(t: FuzzTarget, call: Call, bodyLimitBytes: number): Variant[] {
  const b = (
    core: boolean,
    name: string,
    body: Buffer | string | undefined,
    type: string | Buffer | null = 'application/json',
  ): Variant => ({ name: `body ${name}`, core, call: withBody(call, body, type) });
  const valid = t.body ?? {};
  const text = JSON.stringify(valid);
  const paths = leaves(valid).slice(0, 8);
  const first = paths[0]!;
  const firstLeaf = first.reduce<any>((v, k) => v?.[k], valid);
  const out: Variant[] = [
    b(true, 'invalid JSON', '{"truncated": '),
    b(
      true,
      'wrong shape',
      JSON.stringify({
        name: 42,
        email: 7,
        role: 'emperor',
        userId: [],
        scopes: 'all',
        content: {},
        agentId: null,
        rating: 'five',
      }),
    ),
    b(true, 'NUL in a key', addMembers(valid, '"a\\u0000b":1')),
    b(true, 'as form fields', formEncoded(valid), 'application/x-www-form-urlencoded'),
    b(
      true,
      'as multipart',
      multipartBody(
        Object.entries(valid as object).map(([name, v]) => ({
          name,
          value: typeof v === 'string' ? v : JSON.stringify(v),
        })),
      ),
      `multipart/form-data; boundary=${BOUNDARY}`,
    ),
    b(true, 'as plain text', text, 'text/plain'),
    b(true, 'deep nesting inside', spliceAt(valid, first, deepArray(20_000))),
    b(
      true,
      `${first.join('.') || '(body)'}: invalid UTF-8`,
      spliceAt(valid, first, Buffer.concat([Buffer.from('"a'), HIGH_BYTES, Buffer.from('"')])),
    ),
    b(false, 'empty', ''),
    b(false, 'null', 'null'),
    b(false, 'array', '[]'),
    b(false, 'number', '42'),
    b(false, 'string', '"s"'),
    b(
      false,
      'raw NUL byte',
      Buffer.concat([Buffer.from(addMembers(valid, '"x":"a').slice(0, -1)), latin1(0), Buffer.from('b"}')]),
    ),
    b(false, 'deeply nested array', deepArray(100_000)),
    b(false, 'deeply nested object', deepObject(50_000)),
    b(
      false,
      'prototype keys',
      addMembers(valid, '"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}'),
    ),
    b(false, 'over the size limit', addMembers(valid, `"pad":"${'x'.repeat(bodyLimitBytes)}"`)),
    b(false, 'near the size limit', JSON.stringify(setAt(valid, first, 'x'.repeat(bodyLimitBytes - text.length - 64)))),
    b(false, '5,000 keys', JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])))),
    b(
      false,
      '5,000-item array',
      JSON.stringify(
        setAt(
          valid,
          first,
          Array.from({ length: 5_000 }, () => firstLeaf ?? 1),
        ),
      ),
    ),
    b(false, 'NUL in form fields', 'name=a%00b&content=%00&email=%00', 'application/x-www-form-urlencoded'),
    b(false, 'multipart without a boundary', text, 'multipart/form-data'),
    b(false, 'without a content type', text, null),
    b(false, 'JSON in Latin-1', text, 'application/json; charset=latin1'),
    b(
      false,
      'JSON in UTF-16',
      Buffer.concat([latin1(0xff, 0xfe), Buffer.from(text, 'utf16le')]),
      'application/json; charset=utf-16',
    ),
    b(false, 'vendor JSON type', text, 'application/vnd.api+json'),
    b(false, 'malformed content type', text, 'application/json;;;=;'),
    b(false, 'content type: high bytes', text, Buffer.concat([Buffer.from('application/json; charset='), HIGH_BYTES])),
  ];
  for (const path of paths) {
    const at = path.join('.') || '(body)';
    const leaf = path.reduce<any>((v, k) => v?.[k], valid);
    out.push(
      b(true, `${at}: NUL`, JSON.stringify(setAt(valid, path, `${typeof leaf === 'string' ? leaf : 'x'}\u0000`))),
    );
    out.push(b(true, `${at}: lone surrogates`, spliceAt(valid, path, '"\\ud800\\udfff\\ud800x"')));
    out.push(b(false, `${at}: nesting`, spliceAt(valid, path, deepArray(100))));
    out.push(b(false, `${at}: object`, spliceAt(valid, path, '{"$gt":"","toString":1}')));
    out.push(b(false, `${at}: huge number`, spliceAt(valid, path, '1e999')));
  }
  return out;
}

/** Upload routes (multipart/form-data with a `file`): every case, they are few. */
export function multipartCases(t: FuzzTarget, call: Call): Variant[] {
  const m = (name: string, body: Buffer | string, type = `multipart/form-data; boundary=${BOUNDARY}`): Variant => ({
    name: `multipart ${name}`,
    core: true,
    call: withBody(call, body, type),
  });
  const file = uploadFile(t);
  return [
    m('JSON instead', '{"file":"not a file"}', 'application/json'),
    m('form fields instead', 'file=abc', 'application/x-www-form-urlencoded'),
    m('without the file', multipartBody([{ name: 'title', value: 'x' }])),
    m(
      'NUL in the file name',
      multipartBody([{ ...file, filename: Buffer.concat([latin1(0x61, 0x00), Buffer.from(file.filename)]) }]),
    ),
    m('%00 in the file name', multipartBody([{ ...file, filename: `a%00${file.filename}` }])),
    m(
      'invalid UTF-8 file name',
      multipartBody([{ ...file, filename: Buffer.concat([HIGH_BYTES, Buffer.from(file.filename)]) }]),
    ),
    m('8 KB file name', multipartBody([{ ...file, filename: `${K8}${file.filename}` }])),
    m('NUL in the title', multipartBody([file, { name: 'title', value: 'a\u0000b' }])),
    m('NUL in the language', multipartBody([file, { name: 'language', value: 'e\u0000n' }])),
    m('NUL in a field name', multipartBody([file, { name: 'ti\u0000tle', value: 'x' }])),
    m('two files', multipartBody([file, file])),
    m('empty file', multipartBody([{ ...file, value: Buffer.alloc(0) }])),
    m('truncated', multipartBody([file]).subarray(0, 60)),
    m('other boundary', multipartBody([file]), 'multipart/form-data; boundary=other'),
    m('no boundary', multipartBody([file]), 'multipart/form-data'),
  ];
}
