import { randomBytes } from 'node:crypto';

/**
 * Prefixed, time-sortable identifiers: `agt_01jq3v…`. 10 characters of millisecond time
 * then 16 of randomness (79 bits), in Crockford base32, lower case.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const ID_PREFIXES = [
  'ten',
  'usr',
  'mem',
  'inv',
  'key',
  'agt',
  'agv',
  'conv',
  'msg',
  'src',
  'chk',
  'lead',
  'whk',
  'evt',
  'aud',
  'sec',
  'prv',
  'qa',
  'gap',
  'note',
  'can',
  'fil',
  'job',
  'test',
  'ses',
  'acc',
  'ver',
  'tfa',
  'vis',
  'trn',
  'proc',
  'fb',
  'evc',
  'evr',
  'act',
  'acf',
  'mcp',
  'chn',
  'chi',
  'cho',
  'rpt',
  'rps',
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

let lastMs = -1;
const lastRandom: number[] = [];

/**
 * 16 random base32 digits; within the same millisecond, the previous ones plus one, so ids
 * made by this process sort in the order they were made (rows written in one statement have
 * the same timestamp, and their order falls to the id).
 */
function nextRandom(ms: number): string {
  if (ms === lastMs) {
    let i = lastRandom.length - 1;
    while (i >= 0 && lastRandom[i] === 31) lastRandom[i--] = 0;
    if (i >= 0) lastRandom[i]! += 1;
  } else {
    lastMs = ms;
    const bytes = randomBytes(16);
    for (let i = 0; i < 16; i++) lastRandom[i] = bytes[i]! & 31;
    // Room to count up: the first digit starts in the lower half.
    lastRandom[0] = lastRandom[0]! & 15;
  }
  let out = '';
  for (const digit of lastRandom) out += ALPHABET[digit];
  return out;
}

export function newId<P extends IdPrefix>(prefix: P): `${P}_${string}` {
  const ms = Date.now();
  return `${prefix}_${encodeTime(ms)}${nextRandom(ms)}`;
}

const ID_BODY = /^[0-9a-hjkmnp-tv-z]{26}$/;

/** True when `value` has the shape of an id with this prefix (it may still not exist). */
export function isId(prefix: IdPrefix, value: string): boolean {
  const [head, body, extra] = value.split('_');
  return head === prefix && extra === undefined && body !== undefined && ID_BODY.test(body);
}
