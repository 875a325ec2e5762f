import { describe, expect, it } from 'vitest';
import { contextWindow, DEFAULT_CONTEXT_WINDOW, estimateCostUsd } from './index';

describe('contextWindow', () => {
  it('knows the common hosted models, dated snapshots and gateway names included', () => {
    expect(contextWindow({ provider: 'openai', modelId: 'gpt-4o-mini' })).toBe(128_000);
    expect(contextWindow({ provider: 'openai', modelId: 'gpt-4o-2024-08-06' })).toBe(128_000);
    expect(contextWindow({ provider: 'openai', modelId: 'gpt-4.1-mini' })).toBe(1_047_576);
    expect(contextWindow({ provider: 'openai', modelId: 'gpt-4-0613' })).toBe(8_192);
    expect(contextWindow({ provider: 'anthropic', modelId: 'claude-sonnet-4-5-20250929' })).toBe(200_000);
    expect(contextWindow({ provider: 'google', modelId: 'gemini-2.5-flash' })).toBe(1_048_576);
    expect(contextWindow({ provider: 'openai-compatible', modelId: 'openai/gpt-4o' })).toBe(128_000);
  });

  it('assumes a small window for unknown and local models', () => {
    expect(DEFAULT_CONTEXT_WINDOW).toBe(8_192);
    expect(contextWindow({ provider: 'openai-compatible', modelId: 'llama3.1:8b' })).toBe(8_192);
    expect(contextWindow({ provider: 'openai', modelId: 'gpt-4oops' })).toBe(8_192);
  });
});

describe('estimateCostUsd', () => {
  it('prices by the per-million table, matching the longest family prefix', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    expect(estimateCostUsd({ provider: 'openai', modelId: 'gpt-4o' }, usage)).toBeCloseTo(12.5, 6);
    expect(estimateCostUsd({ provider: 'openai', modelId: 'gpt-4o-mini-2024-07-18' }, usage)).toBeCloseTo(0.75, 6);
    expect(estimateCostUsd({ provider: 'anthropic', modelId: 'claude-opus-4-5' }, usage)).toBeCloseTo(30, 6);
    expect(estimateCostUsd({ provider: 'anthropic', modelId: 'claude-opus-4-1-20250805' }, usage)).toBeCloseTo(90, 6);
    expect(estimateCostUsd({ provider: 'openai', modelId: 'o3-mini' }, usage)).toBeCloseTo(5.5, 6);
  });

  it('is exact for small calls (rounded to a millionth of a dollar)', () => {
    expect(
      estimateCostUsd({ provider: 'openai', modelId: 'gpt-4o-mini' }, { inputTokens: 1_200, outputTokens: 300 }),
    ).toBe(0.00036);
  });

  it('is zero for local and unknown models', () => {
    expect(
      estimateCostUsd(
        { provider: 'openai-compatible', modelId: 'qwen2.5:7b' },
        { inputTokens: 5_000, outputTokens: 5_000 },
      ),
    ).toBe(0);
  });
});
