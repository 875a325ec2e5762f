import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../errors';
import type { AppEnv } from './env';

/**
 * Text PostgreSQL cannot store. A `text` value cannot hold U+0000, and `jsonb` (audit rows,
 * event payloads) refuses it and unpaired UTF-16 surrogates (`\ud800` alone): a request that
 * carried one failed its statement and answered 500. They are refused once, where input is
 * validated, for every string and key of it: every route's validated params, query and body
 * (createRouter's hook), multipart fields (uploadedForm), the bodies the sign-in library reads
 * itself (guardRawBody) and, as `%00`, anywhere in a URL.
 */
export const MAX_INPUT_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

interface Frame {
  value: unknown;
  key: string | null;
  parent: Frame | null;
  depth: number;
}

const pathOf = (frame: Frame) => {
  const parts: string[] = [];
  for (let at: Frame | null = frame; at && at.key !== null; at = at.parent) parts.push(at.key.slice(0, 60));
  return parts.reverse().join('.') || '(body)';
};

/**
 * Where a parsed input holds unstorable text (in a value or a key), and whether it nests
 * deeper than any request needs. Iterative: a deep value must not exhaust the stack here.
 */
export function findUnstorable(value: unknown): { paths: string[]; tooDeep: boolean } {
  const stack: Frame[] = [{ value, key: null, parent: null, depth: 0 }];
  const paths: string[] = [];
  while (stack.length && paths.length < 10) {
    const frame = stack.pop()!;
    const current = frame.value;
    if (typeof current === 'string') {
      if (unstorable(current)) paths.push(pathOf(frame));
      continue;
    }
    // Files (multipart) are bytes, not text; dates and the like have no own entries.
    if (typeof current !== 'object' || current === null || current instanceof Blob) continue;
    if (frame.depth >= MAX_INPUT_DEPTH) return { paths, tooDeep: true };
    for (const [key, child] of Object.entries(current)) {
      const next = { value: child, key, parent: frame, depth: frame.depth + 1 };
      if (unstorable(key)) paths.push(pathOf(next));
      stack.push(next);
    }
  }
  return { paths, tooDeep: false };
}

export function invalidTextError(paths: string[]): ValidationError {
  return new ValidationError(
    'Text cannot contain the NUL character (U+0000) or unpaired surrogates (invalid Unicode).',
    paths.map((path) => ({ path, message: 'Remove the NUL character or the unpaired surrogate.' })),
    'invalid_text',
  );
}

/** Throws 400 `invalid_text` or `too_deep` for input that must not reach a service. */
export function assertStorable(value: unknown): void {
  const { paths, tooDeep } = findUnstorable(value);
  if (tooDeep)
    throw new ValidationError(`The input is nested deeper than ${MAX_INPUT_DEPTH} levels.`, undefined, 'too_deep');
  if (paths.length) throw invalidTextError(paths);
}

/** `%00` decodes to NUL in a path parameter or query value, whichever route reads it. */
export const refuseNulInUrl: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.url.includes('%00')) throw invalidTextError(['url']);
  await next();
};

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * For routes whose JSON body no schema of ours validates (the sign-in library parses its
 * own): parsed here and checked like validated input. The body is read as that route reads
 * it (an ArrayBuffer, which the request keeps), so the route still has it.
 */
export const guardRawBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
  if (c.req.method !== 'POST' || !JSON_TYPE.test(mediaType)) return next();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(await c.req.arrayBuffer()));
  } catch {
    // Not JSON: the route answers that in its own words.
    return next();
  }
  assertStorable(parsed);
  return next();
};
