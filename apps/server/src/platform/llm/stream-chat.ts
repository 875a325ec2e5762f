import { AttemptControl, resolveTimeouts } from './attempt-control';
import { circuitBreakerFor } from './circuit-breaker';
import {
  allowsFallback,
  circuitOpenError,
  countsAgainstCircuit,
  isRetryable,
  LlmError,
  providerLabel,
  toLlmError,
} from './errors';
import { costOf } from './prices';
import { ATTEMPTS_PER_TARGET, pause, retryDelayMs } from './retry';
import { runAttempt, usageOf } from './attempt';
import { modelLabel, type ChatEvent, type ChatRequest, type ChatTimeouts, type ModelTarget } from './types';

/**
 * A chat turn as a stream of events, with the resilience the caller should not have to
 * think about:
 * - each target gets one retry when its start fails (see retry.ts), then the fallback
 *   target gets the same; nothing is ever re-sent once a token reached the caller, so a
 *   failure mid-answer ends the stream with an error event after the partial answer;
 * - a circuit breaker per provider and key fails fast while a provider keeps failing;
 * - timeouts (connect, first token, total) and the caller's abort signal all end the
 *   upstream HTTP request, not just our reading of it.
 * The stream always ends with exactly one `finish` or `error` event.
 */
type TargetOutcome = { done: true } | { done: false; error: LlmError };

interface CallContext {
  request: ChatRequest;
  timeouts: Required<ChatTimeouts>;
  deadline: number;
}

const aborted = (target: ModelTarget) =>
  new LlmError({ kind: 'aborted', provider: target.provider, message: 'The model request was cancelled.' });

function logContext(target: ModelTarget, error: LlmError) {
  return {
    provider: target.provider,
    keyId: target.keyId,
    model: target.modelId,
    kind: error.kind,
    status: error.status,
    code: error.code,
  };
}

/** What a call cut short after `streamed` reached the caller is estimated to have used and cost. */
function estimatedCost(target: ModelTarget, request: ChatRequest, streamed: string) {
  const usage = usageOf({ inputTokens: undefined, outputTokens: undefined }, request, streamed);
  return { usage, model: modelLabel(target), ...costOf(target, usage) };
}

async function* tryTarget(
  target: ModelTarget,
  usedFallback: boolean,
  call: CallContext,
): AsyncGenerator<ChatEvent, TargetOutcome> {
  const { request, deadline } = call;
  for (let attempt = 1; ; attempt += 1) {
    if (request.abortSignal?.aborted) {
      yield { type: 'error', error: aborted(target) };
      return { done: true };
    }
    // Out of time: do not start (and charge a timeout to) a provider that never got a chance.
    if (Date.now() >= deadline) {
      return {
        done: false,
        error: new LlmError({
          kind: 'timeout',
          provider: target.provider,
          message: `The model call did not finish within ${call.timeouts.totalMs} ms.`,
        }),
      };
    }
    const breaker = circuitBreakerFor(target);
    const decision = breaker.tryAcquire();
    if (!decision.allowed) return { done: false, error: circuitOpenError(target.provider, decision.retryAfterMs) };
    const { permit } = decision;
    const control = new AttemptControl(target.provider, call.timeouts, deadline, request.abortSignal);
    let committed = false;
    let streamed = '';
    let error: LlmError;
    try {
      for await (const event of runAttempt(target, request, control)) {
        if (event.type === 'attempt-finish') {
          permit.success();
          const { usage, finishReason } = event;
          const { costUsd, priced } = costOf(target, usage);
          yield { type: 'finish', usage, finishReason, model: modelLabel(target), costUsd, priced, usedFallback };
          return { done: true };
        }
        committed = true;
        if (event.type === 'text') streamed += event.delta;
        yield event;
      }
      throw new LlmError({
        kind: 'dropped',
        provider: target.provider,
        message: `${providerLabel(target.provider)} ended the answer without finishing it.`,
      });
    } catch (thrown) {
      error = toLlmError(thrown, target.provider);
      if (countsAgainstCircuit(error)) {
        permit.failure();
        if (breaker.state !== 'closed')
          request.logger?.warn(logContext(target, error), 'model circuit open: calls with this key are paused');
      }
    } finally {
      control.dispose();
      // Settles the permit when the call ended otherwise (cancelled, bad request, caller stopped reading).
      permit.release();
    }
    if (committed || error.kind === 'aborted') {
      yield { type: 'error', error, ...(streamed && { partial: estimatedCost(target, request, streamed) }) };
      return { done: true };
    }
    const waitMs = attempt < ATTEMPTS_PER_TARGET && isRetryable(error) ? retryDelayMs(error) : undefined;
    if (waitMs === undefined || Date.now() + waitMs >= deadline) return { done: false, error };
    request.logger?.warn(
      { ...logContext(target, error), attempt, waitMs },
      'model call failed before its first token; retrying',
    );
    if (!(await pause(waitMs, request.abortSignal))) {
      yield { type: 'error', error: aborted(target) };
      return { done: true };
    }
  }
}

export async function* streamChat(request: ChatRequest): AsyncGenerator<ChatEvent, void, undefined> {
  const timeouts = resolveTimeouts(request.timeouts);
  const call: CallContext = { request, timeouts, deadline: Date.now() + timeouts.totalMs };
  const targets = request.fallback ? [request.target, request.fallback] : [request.target];
  let lastError: LlmError | undefined;
  for (const [index, target] of targets.entries()) {
    if (index > 0) {
      if (!lastError || !allowsFallback(lastError)) break;
      request.logger?.warn(
        { ...logContext(request.target, lastError), fallback: modelLabel(target) },
        'model call failed; using the fallback model',
      );
    }
    const outcome = yield* tryTarget(target, index > 0, call);
    if (outcome.done) return;
    lastError = outcome.error;
  }
  yield { type: 'error', error: lastError ?? aborted(request.target) };
}
