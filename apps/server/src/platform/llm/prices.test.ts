import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { configureModelPrices, costOf, priceOf } from './index';

afterEach(() => configureModelPrices({}));

describe('costOf', () => {
  it('prices a known model from the built-in list', () => {
    expect(costOf({ provider: 'openai', modelId: 'gpt-4o-mini' }, { inputTokens: 1_200, outputTokens: 300 })).toEqual({
      costUsd: 0.00036,
      priced: true,
    });
  });

  it('says "unpriced" (and costs 0) for a model priced nowhere', () => {
    expect(
      costOf({ provider: 'openai-compatible', modelId: 'llama3.1:8b' }, { inputTokens: 5_000, outputTokens: 5_000 }),
    ).toEqual({ costUsd: 0, priced: false });
  });

  it('uses MODEL_PRICES, the most precise key first, limited to its provider when it names one', () => {
    configureModelPrices({
      'openai-compatible:llama3.1': { input: 0.2, output: 0.6 },
      'llama3.1:70b': { input: 1, output: 3 },
      'gpt-4o': { input: 2, output: 8 },
    });
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    expect(costOf({ provider: 'openai-compatible', modelId: 'llama3.1:8b' }, usage)).toEqual({
      costUsd: 0.8,
      priced: true,
    });
    // The provider-specific key beats the longer generic one for its provider only.
    expect(costOf({ provider: 'openai-compatible', modelId: 'llama3.1:70b' }, usage)).toEqual({
      costUsd: 0.8,
      priced: true,
    });
    expect(costOf({ provider: 'openai', modelId: 'llama3.1:70b' }, usage)).toEqual({ costUsd: 4, priced: true });
    expect(costOf({ provider: 'openai', modelId: 'llama3.1:8b' }, usage).priced).toBe(false);
    // An override replaces the list price of a whole family, dated snapshots included.
    expect(priceOf({ provider: 'openai', modelId: 'gpt-4o-2024-08-06' })).toEqual({
      inputPerMillion: 2,
      outputPerMillion: 8,
    });
    expect(priceOf({ provider: 'openai', modelId: 'gpt-4o-mini' })).toEqual({
      inputPerMillion: 0.15,
      outputPerMillion: 0.6,
    });
  });
});

describe('MODEL_PRICES', () => {
  it('is read as JSON of USD per million tokens', () => {
    expect(loadConfig({ MODEL_PRICES: '{"my-model": {"input": 1.5, "output": 2}}' }).MODEL_PRICES).toEqual({
      'my-model': { input: 1.5, output: 2 },
    });
    expect(loadConfig({}).MODEL_PRICES).toEqual({});
  });

  it('refuses what is not a price list, naming the variable', () => {
    expect(() => loadConfig({ MODEL_PRICES: 'gpt-4o=2/8' })).toThrow(
      /Invalid configuration: MODEL_PRICES must be JSON/,
    );
    expect(() => loadConfig({ MODEL_PRICES: '{"gpt-4o": {"input": -1, "output": 2}}' })).toThrow(/MODEL_PRICES/);
    expect(() => loadConfig({ MODEL_PRICES: '{"gpt-4o": {"in": 1, "out": 2}}' })).toThrow(/MODEL_PRICES/);
  });
});
