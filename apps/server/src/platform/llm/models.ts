import type { ModelTarget } from './types';

/**
 * What the platform knows about common hosted models: context window and list price
 * (USD per million tokens, standard tier, no caching or batch discounts). Model ids are
 * matched by their longest known prefix, so dated snapshots ("gpt-4o-2024-08-06",
 * "claude-sonnet-4-5-20250929") and gateway names ("openai/gpt-4o" on OpenRouter)
 * resolve to their family. Unknown and local models get DEFAULT_CONTEXT_WINDOW and no price
 * (prices.ts: cost 0, marked unpriced, unless MODEL_PRICES names them).
 * Prices as published by the providers in 2025; update them here.
 */
interface ModelInfo {
  contextWindow: number;
  inputPerMillion: number;
  outputPerMillion: number;
}

/** What an unknown or local model is assumed to hold (Ollama's default context is smaller still). */
export const DEFAULT_CONTEXT_WINDOW = 8_192;

const m = (contextWindow: number, inputPerMillion: number, outputPerMillion: number): ModelInfo => ({
  contextWindow,
  inputPerMillion,
  outputPerMillion,
});

const KNOWN_MODELS: Record<string, ModelInfo> = {
  // OpenAI
  'gpt-5': m(400_000, 1.25, 10),
  'gpt-5.1': m(400_000, 1.25, 10),
  'gpt-5-mini': m(400_000, 0.25, 2),
  'gpt-5-nano': m(400_000, 0.05, 0.4),
  'gpt-4.1': m(1_047_576, 2, 8),
  'gpt-4.1-mini': m(1_047_576, 0.4, 1.6),
  'gpt-4.1-nano': m(1_047_576, 0.1, 0.4),
  'gpt-4o': m(128_000, 2.5, 10),
  'gpt-4o-mini': m(128_000, 0.15, 0.6),
  'gpt-4-turbo': m(128_000, 10, 30),
  'gpt-4': m(8_192, 30, 60),
  'gpt-3.5-turbo': m(16_385, 0.5, 1.5),
  o1: m(200_000, 15, 60),
  'o1-mini': m(128_000, 1.1, 4.4),
  o3: m(200_000, 2, 8),
  'o3-mini': m(200_000, 1.1, 4.4),
  'o4-mini': m(200_000, 1.1, 4.4),
  'text-embedding-3-small': m(8_191, 0.02, 0),
  'text-embedding-3-large': m(8_191, 0.13, 0),
  'text-embedding-ada-002': m(8_191, 0.1, 0),
  // Anthropic
  'claude-opus-4-5': m(200_000, 5, 25),
  'claude-opus-4': m(200_000, 15, 75),
  'claude-sonnet-4': m(200_000, 3, 15),
  'claude-haiku-4-5': m(200_000, 1, 5),
  'claude-3-7-sonnet': m(200_000, 3, 15),
  'claude-3-5-sonnet': m(200_000, 3, 15),
  'claude-3-5-haiku': m(200_000, 0.8, 4),
  'claude-3-opus': m(200_000, 15, 75),
  'claude-3-haiku': m(200_000, 0.25, 1.25),
  // Google
  'gemini-2.5-pro': m(1_048_576, 1.25, 10),
  'gemini-2.5-flash': m(1_048_576, 0.3, 2.5),
  'gemini-2.5-flash-lite': m(1_048_576, 0.1, 0.4),
  'gemini-2.0-flash': m(1_048_576, 0.1, 0.4),
  'gemini-2.0-flash-lite': m(1_048_576, 0.075, 0.3),
  'gemini-1.5-pro': m(2_097_152, 1.25, 5),
  'gemini-1.5-flash': m(1_048_576, 0.075, 0.3),
  'text-embedding-004': m(2_048, 0, 0),
  'gemini-embedding-001': m(2_048, 0.15, 0),
};

const PREFIXES = Object.keys(KNOWN_MODELS).sort((a, b) => b.length - a.length);

/** "openai/gpt-4o" → "gpt-4o"; "models/gemini-2.5-flash" → "gemini-2.5-flash". */
export function normaliseModelId(modelId: string): string {
  const lower = modelId.trim().toLowerCase();
  return lower.slice(lower.lastIndexOf('/') + 1);
}

/**
 * Whether a (normalised) model id belongs to a family. A prefix only counts at a boundary:
 * "gpt-4" must not claim "gpt-4o", nor "o3" claim "o3x", nor "gpt-5" claim "gpt-5.1".
 */
export function inFamily(id: string, prefix: string): boolean {
  return (
    id === prefix ||
    (id.startsWith(prefix) && /[-:@.]/.test(id.charAt(prefix.length)) && !/^\.\d/.test(id.slice(prefix.length)))
  );
}

/** The longest known family of a model id, with what the platform knows of it. */
export function knownFamily(
  target: Pick<ModelTarget, 'provider' | 'modelId'>,
): { family: string; info: ModelInfo } | undefined {
  const id = normaliseModelId(target.modelId);
  const family = PREFIXES.find((p) => inFamily(id, p));
  return family ? { family, info: KNOWN_MODELS[family]! } : undefined;
}

export function modelInfo(target: Pick<ModelTarget, 'provider' | 'modelId'>): ModelInfo | undefined {
  return knownFamily(target)?.info;
}

export function contextWindow(target: Pick<ModelTarget, 'provider' | 'modelId'>): number {
  return modelInfo(target)?.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
}
