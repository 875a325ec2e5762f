import { LlmError, providerLabel } from './errors';
import { modelFetch } from './transport';
import type { ChatTimeouts, ModelTarget, ProviderName } from './types';

export const DEFAULT_TIMEOUTS: Required<ChatTimeouts> = { connectMs: 10_000, firstTokenMs: 30_000, totalMs: 120_000 };

export function resolveTimeouts(timeouts: ChatTimeouts | undefined): Required<ChatTimeouts> {
  return {
    ...DEFAULT_TIMEOUTS,
    ...Object.fromEntries(Object.entries(timeouts ?? {}).filter(([, v]) => v !== undefined)),
  };
}

/**
 * The abort controller of one attempt at a model call, and every reason to pull it: the
 * caller's signal (client gone), the connect timeout (no response headers), the
 * first-token timeout (no delta from the model) and the call's overall deadline. The
 * reason is an LlmError, so whoever sees the stream end can tell which one fired.
 */
export class AttemptControl {
  private readonly controller = new AbortController();
  private firstTokenTimer: NodeJS.Timeout | undefined;
  private readonly deadlineTimer: NodeJS.Timeout;
  private readonly onCallerAbort = () =>
    this.abort(new LlmError({ kind: 'aborted', provider: this.provider, message: 'The model request was cancelled.' }));

  constructor(
    private readonly provider: ProviderName,
    private readonly timeouts: Required<ChatTimeouts>,
    deadline: number,
    private readonly callerSignal: AbortSignal | undefined,
  ) {
    if (callerSignal?.aborted) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    this.deadlineTimer = setTimeout(
      () => this.abort(this.timeout(`did not finish within ${this.timeouts.totalMs} ms`)),
      Math.max(0, deadline - Date.now()),
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why this attempt was stopped, if it was stopped by one of its own reasons. */
  get failure(): LlmError | undefined {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof LlmError ? reason : undefined;
  }

  abort(reason: LlmError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** How long the response headers may take (see fetch). */
  get connectTimeoutMs(): number {
    return this.timeouts.connectMs;
  }

  /** Pulls the attempt because its response headers did not come within connectMs. */
  abortForConnectTimeout(): void {
    this.abort(this.timeout(`did not start answering within ${this.timeouts.connectMs} ms`));
  }

  /**
   * The fetch for this attempt's requests to `target`: through the guarded client
   * (transport.ts), with the connect timeout (the response headers must arrive within connectMs).
   */
  fetchFor(target: ModelTarget): typeof globalThis.fetch {
    const send = modelFetch(target);
    return async (input, init) => {
      const timer = setTimeout(() => this.abortForConnectTimeout(), this.timeouts.connectMs);
      try {
        const signal = init?.signal ? AbortSignal.any([init.signal, this.signal]) : this.signal;
        return await send(input, { ...init, signal });
      } finally {
        clearTimeout(timer);
      }
    };
  }

  /** (Re)starts the wait for the model's first delta of a step. */
  armFirstToken(): void {
    this.clearFirstToken();
    this.firstTokenTimer = setTimeout(
      () => this.abort(this.timeout(`sent no first token within ${this.timeouts.firstTokenMs} ms`)),
      this.timeouts.firstTokenMs,
    );
  }

  clearFirstToken(): void {
    if (this.firstTokenTimer) clearTimeout(this.firstTokenTimer);
    this.firstTokenTimer = undefined;
  }

  dispose(): void {
    this.clearFirstToken();
    clearTimeout(this.deadlineTimer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
    // Whatever is still open upstream (an abandoned stream) is closed now.
    this.abort(new LlmError({ kind: 'aborted', provider: this.provider, message: 'The model request was cancelled.' }));
  }

  private timeout(what: string): LlmError {
    return new LlmError({
      kind: 'timeout',
      provider: this.provider,
      message: `${providerLabel(this.provider)} ${what}.`,
    });
  }
}
