import type { LlmError } from './errors';

/**
 * The one retry layer of the model calls (the AI SDK's own retries are off: maxRetries 0).
 * A failed start is tried once more on the same target, waiting what the provider asked
 * for in Retry-After, or a short jittered pause when it said nothing. A provider asking
 * for longer than MAX_RETRY_AFTER_MS is not waited for: the call moves on to the
 * fallback, or fails with the provider's Retry-After for the caller to relay.
 */
export const MAX_RETRY_AFTER_MS = 20_000;
export const RETRY_BACKOFF_MS = 250;
/** Attempts per target: the first call and one retry. */
export const ATTEMPTS_PER_TARGET = 2;

/** How long to wait before the retry, or undefined when the retry is not worth it. */
export function retryDelayMs(error: LlmError, random: () => number = Math.random): number | undefined {
  if (error.retryAfterSeconds !== undefined) {
    const ms = Math.ceil(error.retryAfterSeconds * 1000);
    return ms > MAX_RETRY_AFTER_MS ? undefined : ms;
  }
  return Math.round(RETRY_BACKOFF_MS * (1 + random()));
}

/** Resolves true after ms, or false as soon as the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
