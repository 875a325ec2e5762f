import type { Config } from '../../platform/config';
import { createLocalEmbedder, LOCAL_EMBEDDING_LANGUAGES } from '../../platform/embedder';
import { embedTexts, type ModelTarget } from '../../platform/llm';

/**
 * What turns text into vectors for knowledge search: the operator's embedding API, the local
 * model (the default), or nothing (EMBEDDING_MODEL=none). Questions and passages go through
 * the same one, and every stored vector carries its modelId, so vectors of different models
 * are never compared and a change of model re-embeds (see knowledge/backfill.ts).
 */
export interface Embedder {
  readonly kind: 'api' | 'local';
  readonly modelId: string;
  readonly dimensions: number | undefined;
  /** Languages (ISO 639-1) whose text it embeds; null: any. */
  readonly languages: readonly string[] | null;
  /** Whether a question may use it now without waiting for a model to load. */
  ready(): boolean;
  /** Starts loading in the background (no-op for an API). */
  warm(): void;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  close(): Promise<void>;
}

export function apiEmbedder(target: ModelTarget & { dimensions?: number }): Embedder {
  return {
    kind: 'api',
    modelId: target.modelId,
    dimensions: target.dimensions,
    languages: null,
    ready: () => true,
    warm: () => undefined,
    embed: (texts, signal) =>
      embedTexts(target, texts, {
        ...(target.dimensions && { dimensions: target.dimensions }),
        ...(signal && { abortSignal: signal }),
      }),
    close: async () => undefined,
  };
}

export function localEmbedderFor(config: Pick<Config, 'dataDir'>, full = false): Embedder {
  const local = createLocalEmbedder({ dataDir: config.dataDir, full });
  return {
    kind: 'local',
    modelId: local.modelId,
    dimensions: local.dimensions,
    languages: LOCAL_EMBEDDING_LANGUAGES,
    ready: () => local.ready(),
    // Failures are logged by the embedder and leave search full-text.
    warm: () => void local.warm().catch(() => undefined),
    embed: (texts, signal) => local.embed(texts, signal),
    close: () => local.close(),
  };
}

/**
 * EMBEDDING_MODEL: unset or "local" → the local model's static table; "local-full" → the local
 * network itself (better on phrasing, tens of milliseconds a question); "none" → off; another
 * id → that API model.
 */
export function embeddingChoice(config: Pick<Config, 'EMBEDDING_MODEL'>): 'local' | 'local-full' | 'none' | 'api' {
  const spec = config.EMBEDDING_MODEL?.trim().toLowerCase();
  if (!spec || spec === 'local') return 'local';
  if (spec === 'local-full') return 'local-full';
  if (spec === 'none' || spec === 'off') return 'none';
  return 'api';
}
