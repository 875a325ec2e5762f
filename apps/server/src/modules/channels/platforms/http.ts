import { MAX_RETRY_AFTER_SECONDS, PLATFORM_TIMEOUT_MS } from '../settings';

/**
 * A platform's refusal: `retryable` for rate limits (429) and its own failures (5xx, timeouts),
 * with the wait it asked for; anything else is permanent (a bad token, a blocked bot).
 */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterSeconds: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

export interface PlatformResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** Seconds from a Retry-After header (seconds or an HTTP date), capped. */
export function retryAfter(headers: Headers, fallback: number | null = null): number | null {
  const raw = headers.get('retry-after');
  let seconds = fallback;
  if (raw && /^\d+$/.test(raw.trim())) seconds = Number(raw.trim());
  else if (raw && !Number.isNaN(Date.parse(raw)))
    seconds = Math.max(0, Math.ceil((Date.parse(raw) - Date.now()) / 1000));
  return seconds === null ? null : Math.min(seconds, MAX_RETRY_AFTER_SECONDS);
}

/**
 * A JSON call to a platform's fixed API address (operator-configured, so not through the
 * egress guard: see settings.ts). Network failures and timeouts are retryable.
 */
export async function callPlatform(
  url: string,
  init: { method?: string; headers?: Record<string, string>; json?: unknown },
): Promise<PlatformResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
      headers: { ...(init.json !== undefined && { 'content-type': 'application/json' }), ...init.headers },
      ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
      redirect: 'error',
      signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformError(`The platform could not be reached (${(error as Error).name})`, true);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { raw: text.slice(0, 200) };
  }
  return { status: response.status, headers: response.headers, body };
}
