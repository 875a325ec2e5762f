import type { ModelTarget } from './types';

/**
 * One circuit breaker per provider and credential, kept in this process: each server
 * instance learns on its own that a provider is failing (a few extra failed calls per
 * instance is cheaper than a shared store on every model call).
 *
 * closed → (N consecutive failures) → open → (cool-down) → half-open: one probe call is
 * let through; its success closes the circuit, its failure opens it for another cool-down.
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold: number;
  /** How long an open circuit refuses calls before a probe (default 30 s). */
  cooldownMs: number;
  /** A probe that never reports (its caller vanished) frees the half-open slot after this (default 120 s). */
  probeLeaseMs: number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/** The right to make one call; report how it went exactly once. */
export interface CircuitPermit {
  readonly probe: boolean;
  success(): void;
  failure(): void;
  /** The call ended for a reason that says nothing about the provider (cancelled, bad request). */
  release(): void;
}

export type CircuitDecision = { allowed: true; permit: CircuitPermit } | { allowed: false; retryAfterMs: number };

const DEFAULTS: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000, probeLeaseMs: 120_000 };

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probeStartedAt: number | null = null;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  tryAcquire(): CircuitDecision {
    const state = this.state;
    if (state === 'closed') return { allowed: true, permit: this.permit(false) };
    const now = this.now();
    if (state === 'open') return { allowed: false, retryAfterMs: this.openedAt! + this.options.cooldownMs - now };
    const probing = this.probeStartedAt !== null && now - this.probeStartedAt < this.options.probeLeaseMs;
    if (probing)
      return {
        allowed: false,
        retryAfterMs: Math.min(this.options.cooldownMs, this.options.probeLeaseMs - (now - this.probeStartedAt!)),
      };
    this.probeStartedAt = now;
    return { allowed: true, permit: this.permit(true) };
  }

  private permit(probe: boolean): CircuitPermit {
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'release') => {
      if (settled) return;
      settled = true;
      if (probe) this.probeStartedAt = null;
      if (outcome === 'success') {
        this.failures = 0;
        this.openedAt = null;
      } else if (outcome === 'failure') {
        this.failures += 1;
        // A failed probe re-opens at once; otherwise open on the Nth failure in a row.
        if (probe || this.openedAt !== null || this.failures >= this.options.failureThreshold)
          this.openedAt = this.now();
      }
    };
    return {
      probe,
      success: () => settle('success'),
      failure: () => settle('failure'),
      release: () => settle('release'),
    };
  }
}

let options: CircuitBreakerOptions = DEFAULTS;
const breakers = new Map<string, CircuitBreaker>();

const breakerKey = (target: Pick<ModelTarget, 'provider' | 'keyId'>) => `${target.provider}\u0000${target.keyId}`;

export function circuitBreakerFor(target: Pick<ModelTarget, 'provider' | 'keyId'>): CircuitBreaker {
  const key = breakerKey(target);
  let breaker = breakers.get(key);
  if (!breaker) {
    breaker = new CircuitBreaker(options);
    breakers.set(key, breaker);
  }
  return breaker;
}

export function circuitState(target: Pick<ModelTarget, 'provider' | 'keyId'>): CircuitState {
  return breakers.get(breakerKey(target))?.state ?? 'closed';
}

/** Changes the thresholds for breakers made from now on and forgets every breaker (tests, tuning). */
export function configureCircuitBreakers(next: Partial<CircuitBreakerOptions> = {}): void {
  options = { ...DEFAULTS, ...next };
  breakers.clear();
}
