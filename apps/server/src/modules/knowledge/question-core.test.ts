import { describe, expect, it } from 'vitest';
import { questionCore } from './question-core';

describe('questionCore', () => {
  it('drops the words that frame a question, keeping what it is about', () => {
    expect(questionCore('How long do refunds take?', 'english')).toBe('How do refunds');
    expect(questionCore('Wie lange dauert der Versand?', 'german')).toBe('Wie der Versand?');
  });

  it('keeps the whole query when only framing words are left, and leaves other languages alone', () => {
    expect(questionCore('How long does it take?', 'english')).toBe('How does it');
    expect(questionCore('long take', 'english')).toBe('long take');
    expect(questionCore('long take', 'german')).toBe('long take');
  });
});
