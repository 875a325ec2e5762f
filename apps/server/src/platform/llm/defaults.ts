import { PROVIDER_NAMES, type ModelTarget, type ProviderName } from './types';

/**
 * The platform's own models, from the environment:
 * - DEFAULT_MODEL "provider:modelId" (the model id may hold colons: "openai-compatible:llama3.1:8b");
 *   a bare model id is placed by its name (claude-* → anthropic, gemini-* → google, else OpenAI);
 * - without it, a sensible model for the first provider with a key (OpenAI, Anthropic, Google);
 * - EMBEDDING_MODEL ("provider:modelId" or a bare id), EMBEDDING_BASE_URL, EMBEDDING_API_KEY,
 *   EMBEDDING_DIMENSIONS; without them OpenAI's text-embedding-3-small when an OpenAI key is
 *   set, or Google's gemini-embedding-001 when only a Google key is.
 * null where nothing usable is configured. These addresses are the operator's: `trust: 'operator'`. An OpenAI-compatible server (Ollama, vLLM) reads
 * OPENAI_COMPATIBLE_BASE_URL / OPENAI_COMPATIBLE_API_KEY, else OPENAI_BASE_URL / OPENAI_API_KEY.
 */
type Env = Record<string, string | undefined>;

export const DEFAULT_CHAT_MODELS: Record<Exclude<ProviderName, 'openai-compatible'>, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  google: 'gemini-2.5-flash',
};

export type EmbeddingTarget = ModelTarget & { dimensions?: number };

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function credentials(env: Env, provider: ProviderName): { apiKey?: string; baseURL?: string } {
  const pick = (apiKey: string | undefined, baseURL: string | undefined) => ({
    ...(apiKey && { apiKey }),
    ...(baseURL && { baseURL }),
  });
  switch (provider) {
    case 'openai':
      return pick(value(env, 'OPENAI_API_KEY'), value(env, 'OPENAI_BASE_URL'));
    case 'anthropic':
      return pick(value(env, 'ANTHROPIC_API_KEY'), value(env, 'ANTHROPIC_BASE_URL'));
    case 'google':
      return pick(value(env, 'GOOGLE_API_KEY'), value(env, 'GOOGLE_BASE_URL'));
    case 'openai-compatible':
      return pick(
        value(env, 'OPENAI_COMPATIBLE_API_KEY') ?? value(env, 'OPENAI_API_KEY'),
        value(env, 'OPENAI_COMPATIBLE_BASE_URL') ?? value(env, 'OPENAI_BASE_URL'),
      );
  }
}

/** "anthropic:claude-x" → provider and id; a bare id → no provider. */
function parseModel(spec: string): { provider?: ProviderName; modelId: string } {
  const colon = spec.indexOf(':');
  const prefix = colon > 0 ? spec.slice(0, colon) : '';
  if ((PROVIDER_NAMES as readonly string[]).includes(prefix))
    return { provider: prefix as ProviderName, modelId: spec.slice(colon + 1) };
  return { modelId: spec };
}

function guessProvider(modelId: string): ProviderName {
  if (/^claude/i.test(modelId)) return 'anthropic';
  if (/^gemini/i.test(modelId)) return 'google';
  return 'openai';
}

function chatDefault(env: Env): ModelTarget | null {
  const spec = value(env, 'DEFAULT_MODEL');
  if (spec) {
    const parsed = parseModel(spec);
    const provider = parsed.provider ?? guessProvider(parsed.modelId);
    const creds = credentials(env, provider);
    if (!parsed.modelId || (provider === 'openai-compatible' ? !creds.baseURL : !creds.apiKey)) return null;
    return { provider, modelId: parsed.modelId, keyId: `platform:${provider}`, trust: 'operator', ...creds };
  }
  for (const provider of ['openai', 'anthropic', 'google'] as const) {
    const creds = credentials(env, provider);
    if (creds.apiKey)
      return {
        provider,
        modelId: DEFAULT_CHAT_MODELS[provider],
        keyId: `platform:${provider}`,
        trust: 'operator',
        ...creds,
      };
  }
  return null;
}

function embeddingDefault(env: Env): EmbeddingTarget | null {
  const dims = Number(value(env, 'EMBEDDING_DIMENSIONS'));
  const dimensions = Number.isInteger(dims) && dims > 0 ? { dimensions: dims } : {};
  const ownKey = value(env, 'EMBEDDING_API_KEY');
  const ownBase = value(env, 'EMBEDDING_BASE_URL');
  const spec = value(env, 'EMBEDDING_MODEL');
  const parsed = spec ? parseModel(spec) : undefined;
  const provider: ProviderName | undefined =
    parsed?.provider ??
    (ownBase
      ? 'openai-compatible'
      : ownKey || value(env, 'OPENAI_API_KEY')
        ? 'openai'
        : value(env, 'GOOGLE_API_KEY')
          ? 'google'
          : undefined);
  if (!provider || provider === 'anthropic') return null;
  const shared = credentials(env, provider);
  const apiKey = ownKey ?? shared.apiKey;
  const baseURL = ownBase ?? shared.baseURL;
  if (provider === 'openai-compatible' ? !baseURL : !apiKey) return null;
  const modelId =
    parsed?.modelId ||
    (provider === 'google' ? 'gemini-embedding-001' : provider === 'openai' ? 'text-embedding-3-small' : '');
  if (!modelId) return null;
  // The embedding credential gets its own circuit unless it is the chat key itself.
  const keyId = ownKey || ownBase ? 'platform:embedding' : `platform:${provider}`;
  return {
    provider,
    modelId,
    keyId,
    trust: 'operator',
    ...(apiKey && { apiKey }),
    ...(baseURL && { baseURL }),
    ...dimensions,
  };
}

export function platformDefaults(env: Env): { chat: ModelTarget | null; embedding: EmbeddingTarget | null } {
  return { chat: chatDefault(env), embedding: embeddingDefault(env) };
}
