import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-sortable identifiers: `agt_01jq3v…`. 10 characters of millisecond time
 * then 16 of randomness (80 bits), in Crockford base32, lower case.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ID_PREFIXES = [
  'ten', 'usr', 'mem', 'inv', 'key', 'agt', 'agv', 'conv', 'msg', 'src', 'chk', 'lead',
  'whk', 'evt', 'aud', 'sec', 'prv', 'qa', 'gap', 'note', 'can', 'fil', 'job', 'test',
  'ses', 'acc', 'ver', 'tfa', 'vis', 'trn',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeRandom(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

export function newId<P extends IdPrefix>(prefix: P): `${P}_${string}` {
  return `${prefix}_${encodeTime(Date.now())}${encodeRandom()}`;
}

const ID_BODY = /^[0-9a-hjkmnp-tv-z]{26}$/;

/** True when `value` has the shape of an id with this prefix (it may still not exist). */
export function isId(prefix: IdPrefix, value: string): boolean {
  const [head, body, extra] = value.split('_');
  return head === prefix && extra === undefined && body !== undefined && ID_BODY.test(body);
}
