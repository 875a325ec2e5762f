import fc from 'fast-check';
import {
  baseCall,
  leaves,
  pathOf,
  percentBytes,
  percentText,
  setAt,
  withBody,
  withHeader,
  type Call,
  type JsonPath,
} from './fuzz-calls';
import type { Variant } from './fuzz-cases';
import type { FuzzTarget } from './fuzz-targets';

/**
 * Generated inputs (fast-check): one part of the legitimate call replaced by a generated
 * value — any code point (NUL, lone surrogates, controls), any byte string, any JSON value.
 * Sampled with a fixed seed per route, so a run is repeatable and a failure names its input.
 */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000',
    '\uD800',
    '\uFFFE',
    '%00',
    '%',
    '..',
    '\\',
    '"',
    "'--",
    '${x}',
    'null',
    '-1',
    '1e999',
    ' ',
    '',
  ),
);
const bytes = fc.uint8Array({ maxLength: 48 });
/** URL-safe as sent: text as UTF-8 or raw bytes, percent-encoded. */
const urlPart = fc.oneof(text.map(percentText), bytes.map(percentBytes));
/** A header value as bytes on the wire: anything but CR and LF (which would end the header). */
const headerValue = fc
  .oneof(
    text.map((s) => Buffer.from(s, 'utf8')),
    bytes.map((b) => Buffer.from(b)),
  )
  .map((b) => Buffer.from(b.filter((x) => x !== 10 && x !== 13)));
const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });

const HEADERS = [
  'Authorization',
  'Cookie',
  'Origin',
  'Referer',
  'Host',
  'Accept',
  'Content-Type',
  'X-Workspace-Id',
  'Idempotency-Key',
  'Last-Event-ID',
  'X-Forwarded-For',
  'X-Conversation-Id',
];

type Mutation =
  | { kind: 'param'; name: string; value: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'header'; name: string; value: Buffer; dropOrigin: boolean }
  | { kind: 'leaf'; path: JsonPath; value: unknown }
  | { kind: 'key'; key: string; value: unknown }
  | { kind: 'body'; value: unknown }
  | { kind: 'raw body'; value: Buffer };

function mutations(t: FuzzTarget): fc.Arbitrary<Mutation> {
  const options: Array<fc.Arbitrary<Mutation>> = [
    fc.record({
      kind: fc.constant('query' as const),
      name: fc.oneof(fc.constantFrom(...t.queryNames, 'x'), urlPart),
      value: urlPart,
    }),
    fc.record({
      kind: fc.constant('header' as const),
      name: fc.constantFrom(...HEADERS),
      value: headerValue,
      dropOrigin: fc.boolean(),
    }),
  ];
  const params = Object.keys(t.params);
  if (params.length)
    options.push(fc.record({ kind: fc.constant('param' as const), name: fc.constantFrom(...params), value: urlPart }));
  if (t.method !== 'GET' && t.method !== 'OPTIONS') {
    const paths = leaves(t.body ?? {});
    options.push(
      fc.record({ kind: fc.constant('leaf' as const), path: fc.constantFrom(...paths), value: json }),
      fc.record({ kind: fc.constant('key' as const), key: text, value: json }),
      fc.record({ kind: fc.constant('body' as const), value: json }),
      fc.record({
        kind: fc.constant('raw body' as const),
        value: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      }),
    );
  }
  return fc.oneof(...options);
}

const describeMutation = (m: Mutation) =>
  JSON.stringify(m, (_key, value: unknown) =>
    value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
      ? `bytes:${Buffer.from((value as { data: number[] }).data).toString('hex')}`
      : value,
  );

function apply(t: FuzzTarget, call: Call, m: Mutation): Call {
  switch (m.kind) {
    case 'param':
      return { ...call, path: pathOf(t, { [m.name]: m.value }) };
    case 'query':
      return { ...call, query: `${m.name}=${m.value}` };
    case 'header': {
      const base = m.dropOrigin && m.name === 'Referer' ? withHeader(call, 'Origin', null) : call;
      return withHeader(base, m.name, m.value);
    }
    case 'leaf':
      return withBody(call, JSON.stringify(setAt(t.body ?? {}, m.path, m.value)));
    case 'key':
      return withBody(
        call,
        JSON.stringify({ ...(t.body && typeof t.body === 'object' ? t.body : {}), [m.key]: m.value }),
      );
    case 'body':
      return withBody(call, JSON.stringify(m.value));
    case 'raw body':
      return withBody(call, m.value);
  }
}

/** A stable number from the route's name: each route's inputs stay the same as routes come and go. */
function routeSeed(key: string, seed: number): number {
  let hash = seed | 0;
  for (const char of key) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

export function generatedVariants(t: FuzzTarget, seed: number, runs: number): Variant[] {
  if (runs <= 0) return [];
  const call = baseCall(t);
  return fc.sample(mutations(t), { seed: routeSeed(t.key, seed), numRuns: runs }).map((m) => ({
    name: `generated (seed ${seed}) ${describeMutation(m).slice(0, 400)}`,
    core: true,
    call: apply(t, call, m),
  }));
}
