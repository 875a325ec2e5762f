import { embedMany } from 'ai';
import { AttemptControl } from './attempt-control';
import { circuitBreakerFor } from './circuit-breaker';
import { circuitOpenError, countsAgainstCircuit, isRetryable, LlmError, providerLabel, toLlmError } from './errors';
import { providerOptionsForDimensions, embeddingModel } from './providers';
import { ATTEMPTS_PER_TARGET, pause, retryDelayMs } from './retry';
import type { ModelTarget } from './types';

export interface EmbedOptions {
  /** Vector size to ask for (models that support shortening, e.g. text-embedding-3-*). */
  dimensions?: number;
  /** Texts per request (default 96; OpenAI accepts up to 2048). */
  batchSize?: number;
  abortSignal?: AbortSignal;
}

export const DEFAULT_EMBED_BATCH = 96;
/** One batch (including its retry) must finish within this; the connect timeout is the chat one. */
const EMBED_TIMEOUTS = { connectMs: 10_000, firstTokenMs: 60_000, totalMs: 60_000 };

async function embedBatch(target: ModelTarget, texts: string[], options: EmbedOptions): Promise<number[][]> {
  const deadline = Date.now() + EMBED_TIMEOUTS.totalMs;
  const providerOptions = providerOptionsForDimensions(target, options.dimensions);
  for (let attempt = 1; ; attempt += 1) {
    const decision = circuitBreakerFor(target).tryAcquire();
    if (!decision.allowed) throw circuitOpenError(target.provider, decision.retryAfterMs);
    const control = new AttemptControl(target.provider, EMBED_TIMEOUTS, deadline, options.abortSignal);
    let error: LlmError;
    try {
      const { embeddings } = await embedMany({
        model: embeddingModel(target, control.fetchFor(target)),
        values: texts,
        maxRetries: 0,
        maxParallelCalls: 1,
        abortSignal: control.signal,
        ...(providerOptions && { providerOptions }),
      });
      if (
        embeddings.length !== texts.length ||
        (options.dimensions !== undefined && embeddings.some((e) => e.length !== options.dimensions))
      ) {
        throw new LlmError({
          kind: 'malformed',
          provider: target.provider,
          message: `${providerLabel(target.provider)} returned embeddings of the wrong count or size.`,
        });
      }
      decision.permit.success();
      return embeddings;
    } catch (thrown) {
      error = control.failure ?? toLlmError(thrown, target.provider);
      if (countsAgainstCircuit(error)) decision.permit.failure();
    } finally {
      control.dispose();
      decision.permit.release();
    }
    const waitMs = attempt < ATTEMPTS_PER_TARGET && isRetryable(error) ? retryDelayMs(error) : undefined;
    if (waitMs === undefined || Date.now() + waitMs >= deadline) throw error;
    if (!(await pause(waitMs, options.abortSignal))) {
      throw new LlmError({ kind: 'aborted', provider: target.provider, message: 'The model request was cancelled.' });
    }
  }
}

/**
 * Embeds texts in order, in batches sent one after another (an ingest job should not
 * flood the provider), each with the layer's single retry and the key's circuit breaker.
 * Throws LlmError.
 */
export async function embedTexts(
  target: ModelTarget,
  texts: string[],
  options: EmbedOptions = {},
): Promise<number[][]> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_EMBED_BATCH));
  const vectors: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    vectors.push(...(await embedBatch(target, texts.slice(start, start + batchSize), options)));
  }
  return vectors;
}
