import { Gauge, type Registry } from 'prom-client';
import type { Config } from '../config';
import { LimitExceededError, UnavailableError } from '../errors';

/** Who an open stream is counted against. */
export type StreamScope = 'visitor' | 'member' | 'apiKey' | 'address';

export interface StreamLimits extends Record<StreamScope, number> {
  /** Every stream of the process together. */
  process: number;
}

export interface StreamClaim {
  scope: StreamScope;
  key: string;
}

const NOUNS: Record<StreamScope, string> = {
  visitor: 'visitor',
  member: 'member',
  apiKey: 'API key',
  address: 'client address',
};

/** Seconds a refused client is asked to wait: a stream frees its slot only when it ends, so any wait is a guess. */
const RETRY_SECONDS = 5;

/**
 * Open event streams (live events, streamed answers) counted per process, per visitor, member,
 * API key and client address. Each held stream costs this process memory and a descriptor for
 * as long as it stays open, which per-minute rate limits do not bound. Counts are this
 * process's own: a crashed process takes its streams and its counts with it, so nothing
 * shared can leak, and what the ceiling protects (memory, descriptors) is per process too.
 */
export class StreamSlots {
  private readonly held = new Map<string, number>();
  private total = 0;

  constructor(readonly limits: StreamLimits) {}

  /** Streams open in this process. */
  get open(): number {
    return this.total;
  }

  /** Streams open for one scope and key (tests and diagnostics). */
  openFor(claim: StreamClaim): number {
    return this.held.get(`${claim.scope}:${claim.key}`) ?? 0;
  }

  /**
   * Takes a slot for every claim, or none: 503 past the process ceiling, 429 past a claim's
   * limit. Returns the release, which gives them back once however often it is called.
   */
  acquire(claims: readonly StreamClaim[]): () => void {
    if (this.total >= this.limits.process) {
      const busy = new UnavailableError(
        `This server holds as many event streams as it can (${this.limits.process}). Try again shortly.`,
        'server_busy',
        { limit: this.limits.process, retryAfterSeconds: RETRY_SECONDS },
      );
      busy.headers['Retry-After'] = String(RETRY_SECONDS);
      throw busy;
    }
    const keys = claims.map((claim) => `${claim.scope}:${claim.key}`);
    claims.forEach((claim, i) => {
      const limit = this.limits[claim.scope];
      if ((this.held.get(keys[i]!) ?? 0) >= limit) {
        throw new LimitExceededError(
          `Too many open event streams for this ${NOUNS[claim.scope]}: ${limit} ${limit === 1 ? 'is' : 'are'} allowed at once. Close one before opening another.`,
          RETRY_SECONDS,
          'too_many_streams',
          { scope: claim.scope, limit },
        );
      }
    });
    for (const key of keys) this.held.set(key, (this.held.get(key) ?? 0) + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      for (const key of keys) {
        const left = (this.held.get(key) ?? 1) - 1;
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      }
    };
  }
}

/** The limits the configuration sets, with a gauge of open streams on `registry`. */
export function createStreamSlots(config: Config, registry?: Registry): StreamSlots {
  const slots = new StreamSlots({
    visitor: config.STREAM_LIMIT_PER_VISITOR,
    member: config.STREAM_LIMIT_PER_MEMBER,
    apiKey: config.STREAM_LIMIT_PER_API_KEY,
    address: config.STREAM_LIMIT_PER_ADDRESS,
    process: config.STREAM_LIMIT_PER_PROCESS,
  });
  if (registry) {
    new Gauge({
      name: 'switchboard_open_streams',
      help: 'Event streams open in this process (live events and streamed answers)',
      registers: [registry],
      collect() {
        this.set(slots.open);
      },
    });
  }
  return slots;
}
