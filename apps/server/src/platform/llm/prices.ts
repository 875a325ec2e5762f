import { inFamily, knownFamily, normaliseModelId } from './models';
import { PROVIDER_NAMES, type ModelTarget, type ProviderName } from './types';

/**
 * What a model call costs. The built-in list prices (models.ts) cover the common hosted
 * models; MODEL_PRICES adds or replaces prices, as JSON of USD per million tokens:
 *
 *   {"openai-compatible:llama3.1": {"input": 0.1, "output": 0.2}, "gpt-4o": {"input": 2, "output": 8}}
 *
 * A key is a model family ("gpt-4o" also prices "gpt-4o-2024-08-06"), optionally limited to
 * one provider ("openai-compatible:…"). A model priced nowhere costs 0 and is reported as
 * unpriced, so a usage total never passes a guess off as a price.
 */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

export type PriceOverrides = Record<string, { input: number; output: number }>;

interface Override {
  provider: ProviderName | null;
  family: string;
  price: ModelPrice;
}

let overrides: Override[] = [];

function parseKey(key: string): { provider: ProviderName | null; family: string } {
  const provider = PROVIDER_NAMES.find((p) => key.startsWith(`${p}:`)) ?? null;
  return { provider, family: normaliseModelId(provider ? key.slice(provider.length + 1) : key) };
}

/** Installs MODEL_PRICES (replacing earlier overrides); `{}` restores the built-in list alone. */
export function configureModelPrices(spec: PriceOverrides = {}): void {
  overrides = Object.entries(spec)
    .map(([key, value]) => ({
      ...parseKey(key),
      price: { inputPerMillion: value.input, outputPerMillion: value.output },
    }))
    // Provider-specific keys first, then the longest family: the most precise entry wins.
    .sort((a, b) => Number(b.provider !== null) - Number(a.provider !== null) || b.family.length - a.family.length);
}

export function priceOf(target: Pick<ModelTarget, 'provider' | 'modelId'>): ModelPrice | null {
  const id = normaliseModelId(target.modelId);
  const override = overrides.find(
    (o) => (o.provider === null || o.provider === target.provider) && inFamily(id, o.family),
  );
  const known = knownFamily(target);
  // A more precise built-in family beats a broader override ("gpt-4o" set, "gpt-4o-mini" asked).
  if (override && (!known || override.provider !== null || override.family.length >= known.family.length))
    return override.price;
  return known ? { inputPerMillion: known.info.inputPerMillion, outputPerMillion: known.info.outputPerMillion } : null;
}

export interface CallCost {
  costUsd: number;
  /** False when no price is known for the model: `costUsd` is then 0, not a real price. */
  priced: boolean;
}

export function costOf(
  target: Pick<ModelTarget, 'provider' | 'modelId'>,
  usage: { inputTokens: number; outputTokens: number },
): CallCost {
  const price = priceOf(target);
  if (!price) return { costUsd: 0, priced: false };
  const cost = (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
  // Rounded to a millionth of a dollar (the stored precision), so sums of stored costs add up.
  return { costUsd: Math.round(cost * 1e6) / 1e6, priced: true };
}

/** The cost alone (0 when unpriced). */
export function estimateCostUsd(
  target: Pick<ModelTarget, 'provider' | 'modelId'>,
  usage: { inputTokens: number; outputTokens: number },
): number {
  return costOf(target, usage).costUsd;
}
