import type { Config } from '../../platform/config';
import { DEFAULT_CHAT_MODELS, type ModelTarget, type ProviderName } from '../../platform/llm';
import { rootLogger } from '../../platform/log';
import { apiEmbedder, embeddingChoice, localEmbedderFor, type Embedder } from './embedder';

/**
 * The platform's own model access, from the environment: what agents use when they choose
 * "platform key" for a provider, and the default model of new agents.
 */
export interface PlatformModels {
  target(provider: ProviderName, modelId: string): ModelTarget | null;
  defaultChoice: { provider: ProviderName; modelId: string } | null;
  /** The operator's embedding API, when EMBEDDING_MODEL names one. */
  embedding: (ModelTarget & { dimensions?: number }) | null;
  /** What knowledge search embeds with: that API, else the local model; null when off. */
  embedder: Embedder | null;
}

let current: PlatformModels = { target: () => null, defaultChoice: null, embedding: null, embedder: null };

/** A sensible first model per provider (the llm layer's defaults; a local server's is a guess). */
const FALLBACK_MODELS: Record<ProviderName, string> = { ...DEFAULT_CHAT_MODELS, 'openai-compatible': 'llama3.1' };

export function configurePlatformModels(config: Config): PlatformModels {
  const keys: Record<ProviderName, { apiKey?: string; baseURL?: string } | null> = {
    openai: config.OPENAI_API_KEY
      ? { apiKey: config.OPENAI_API_KEY, ...(config.OPENAI_BASE_URL && { baseURL: config.OPENAI_BASE_URL }) }
      : null,
    anthropic: config.ANTHROPIC_API_KEY
      ? { apiKey: config.ANTHROPIC_API_KEY, ...(config.ANTHROPIC_BASE_URL && { baseURL: config.ANTHROPIC_BASE_URL }) }
      : null,
    google: config.GOOGLE_API_KEY ? { apiKey: config.GOOGLE_API_KEY } : null,
    'openai-compatible': config.OPENAI_COMPATIBLE_BASE_URL
      ? {
          baseURL: config.OPENAI_COMPATIBLE_BASE_URL,
          ...(config.OPENAI_COMPATIBLE_API_KEY && { apiKey: config.OPENAI_COMPATIBLE_API_KEY }),
        }
      : null,
  };
  const target = (provider: ProviderName, modelId: string): ModelTarget | null => {
    const key = keys[provider];
    // The operator's addresses (OPENAI_BASE_URL & co.) may be private: trusted, not guarded.
    return key ? { provider, modelId, keyId: `platform:${provider}`, trust: 'operator', ...key } : null;
  };
  let defaultChoice: PlatformModels['defaultChoice'] = null;
  if (config.DEFAULT_MODEL) {
    const [provider, ...rest] = config.DEFAULT_MODEL.split(':');
    defaultChoice = { provider: provider as ProviderName, modelId: rest.join(':') };
  } else {
    const provider = (Object.keys(keys) as ProviderName[]).find((p) => keys[p]);
    if (provider) defaultChoice = { provider, modelId: FALLBACK_MODELS[provider] };
  }
  const embeddingBase = config.EMBEDDING_BASE_URL ?? config.OPENAI_BASE_URL;
  const embeddingKey = config.EMBEDDING_API_KEY ?? config.OPENAI_API_KEY;
  const choice = embeddingChoice(config);
  const embedding =
    choice === 'api' && config.EMBEDDING_MODEL && (embeddingKey || embeddingBase)
      ? {
          provider: 'openai-compatible' as const,
          modelId: config.EMBEDDING_MODEL,
          keyId: 'platform:embedding',
          trust: 'operator' as const,
          baseURL: embeddingBase ?? 'https://api.openai.com/v1',
          ...(embeddingKey && { apiKey: embeddingKey }),
          ...(config.EMBEDDING_DIMENSIONS && { dimensions: config.EMBEDDING_DIMENSIONS }),
        }
      : null;
  if (choice === 'api' && !embedding)
    rootLogger().warn(
      { model: config.EMBEDDING_MODEL },
      'EMBEDDING_MODEL names an API model but no EMBEDDING_API_KEY/EMBEDDING_BASE_URL (or OpenAI key) is set: search is full-text',
    );
  const embedder = embedding
    ? apiEmbedder(embedding)
    : choice === 'local' || choice === 'local-full'
      ? localEmbedderFor(config, choice === 'local-full')
      : null;
  void current.embedder?.close();
  current = { target, defaultChoice, embedding, embedder };
  return current;
}

export function platformModels(): PlatformModels {
  return current;
}
