import { describe, expect, it } from 'vitest';
import { withArticle } from './format';
import { ROLE_LABELS } from './permissions';

describe('withArticle', () => {
  it('gives every role its article ("You are an agent in this workspace")', () => {
    const said = Object.values(ROLE_LABELS).map((label) => withArticle(label.toLowerCase()));
    expect(said).toEqual(expect.arrayContaining(['an owner', 'an admin', 'a manager', 'an agent', 'a viewer']));
    expect(said.every((s) => /^an? \w/.test(s))).toBe(true);
  });
});
