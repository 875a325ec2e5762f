import { guardedRequest, isEgressError } from '../../platform/egress';
import { signatureHeader } from './signing';
import { ATTEMPT_TIMEOUT_MS, EXCERPT_BYTES } from './settings';

export interface AttemptResult {
  /** The receiver's status, or null when no answer came (refused address, timeout, refused redirect…). */
  status: number | null;
  durationMs: number;
  excerpt: string | null;
  error: string | null;
  /** Seconds the receiver asked to wait (Retry-After), when it said. */
  retryAfterSeconds: number | null;
}

function retryAfter(value: string | undefined, at: Date): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - at.getTime()) / 1000);
}

async function excerptOf(body: NodeJS.ReadableStream & { destroy(): void }): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const part of body) {
      parts.push(part as Buffer);
      size += (part as Buffer).length;
      if (size >= EXCERPT_BYTES) break;
    }
  } catch {
    // A body cut short still tells what arrived.
  } finally {
    body.destroy();
  }
  return Buffer.concat(parts).subarray(0, EXCERPT_BYTES).toString('utf8');
}

/**
 * One attempt: a POST through the egress guard (every address checked, redirects refused:
 * a signed body has no business elsewhere), with the Standard Webhooks headers.
 */
export async function sendAttempt(
  url: string,
  delivery: { id: string; body: string },
  validSecrets: readonly string[],
  at: Date,
): Promise<AttemptResult> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const response = await guardedRequest(url, {
      method: 'POST',
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks/1',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(validSecrets, delivery.id, timestamp, delivery.body),
      },
      redirect: 'error',
      timeoutMs: ATTEMPT_TIMEOUT_MS,
      maxBytes: EXCERPT_BYTES * 64,
      keepAlive: true,
    });
    const excerpt = await excerptOf(response.body);
    return {
      status: response.status,
      durationMs: took(),
      excerpt,
      error: null,
      retryAfterSeconds: retryAfter(response.headers['retry-after'], at),
    };
  } catch (error) {
    const message = isEgressError(error) ? error.message : `The request failed: ${(error as Error).message}`;
    return { status: null, durationMs: took(), excerpt: null, error: message.slice(0, 500), retryAfterSeconds: null };
  }
}
