import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { assertStorable, findUnstorable, MAX_INPUT_DEPTH } from './input-guard';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('findUnstorable', () => {
  it('names every string and key PostgreSQL would refuse, by its path', () => {
    const input = {
      content: 'a\u0000b',
      fine: 'ok',
      values: { 'na\u0000me': 'x', list: ['y', '\uD800'] },
      low: '\uDC00 alone',
    };
    expect(findUnstorable(input).paths.sort()).toEqual(['content', 'low', 'values.list.1', 'values.na\u0000me'].sort());
  });

  it('accepts ordinary text, including characters outside the BMP written as surrogate pairs', () => {
    expect(findUnstorable({ name: 'Zoë 😀 \uD83D\uDE00', n: 1, on: true, none: null, at: new Date() })).toEqual({
      paths: [],
      tooDeep: false,
    });
  });

  it('skips file contents (multipart) but not the rest of the form', () => {
    expect(findUnstorable({ file: new Blob(['\u0000']), title: 'ok' }).paths).toEqual([]);
    expect(findUnstorable({ file: new Blob(['x']), title: '\u0000' }).paths).toEqual(['title']);
  });

  it(`allows ${MAX_INPUT_DEPTH} levels of nesting, refuses more, and walks a very deep value without exhausting the stack`, () => {
    expect(findUnstorable(nested(MAX_INPUT_DEPTH)).tooDeep).toBe(false);
    expect(findUnstorable(nested(MAX_INPUT_DEPTH + 1)).tooDeep).toBe(true);
    expect(findUnstorable(nested(200_000)).tooDeep).toBe(true);
  });
});

describe('assertStorable', () => {
  it('throws 400 invalid_text with the paths, or too_deep', () => {
    const text = (() => {
      try {
        assertStorable({ content: '\u0000' });
      } catch (error) {
        return error;
      }
    })();
    expect(text).toBeInstanceOf(ValidationError);
    expect(text).toMatchObject({ status: 400, code: 'invalid_text', details: [{ path: 'content' }] });
    expect(() => assertStorable(nested(100))).toThrow(expect.objectContaining({ code: 'too_deep' }));
  });
});
