import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './errors';
import { MAX_RETRY_AFTER_MS, retryDelayMs } from './retry';
import { LlmError } from './index';

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3);
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' })).toBe(1.5);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }, now)).toBe(7);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-1' })).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  const error = (retryAfterSeconds?: number) =>
    new LlmError({
      kind: 'rate_limited',
      provider: 'openai',
      message: 'x',
      ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
    });

  it('waits what the provider asked for, up to the cap', () => {
    expect(retryDelayMs(error(2))).toBe(2_000);
    expect(retryDelayMs(error(MAX_RETRY_AFTER_MS / 1000))).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(error(MAX_RETRY_AFTER_MS / 1000 + 1))).toBeUndefined();
  });

  it('backs off briefly, with jitter, when the provider said nothing', () => {
    expect(retryDelayMs(error(), () => 0)).toBe(250);
    expect(retryDelayMs(error(), () => 0.999)).toBe(500);
  });
});
