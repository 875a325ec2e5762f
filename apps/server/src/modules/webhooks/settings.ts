/**
 * Delivery settings of this process. The clock is replaceable so that tests can walk a
 * delivery through its retry schedule (hours and days) without waiting.
 */
let endpointConcurrency = 4;
let clock: () => Date = () => new Date();

/** WEBHOOK_ENDPOINT_CONCURRENCY: attempts in flight per endpoint, so one slow receiver holds no others. */
export function configureWebhooks(options: { endpointConcurrency: number }): void {
  endpointConcurrency = options.endpointConcurrency;
}

export const concurrencyPerEndpoint = () => endpointConcurrency;

export function setWebhookClock(value: (() => Date) | null): void {
  clock = value ?? (() => new Date());
}

export const now = () => clock();

/** Delays before attempts 2 to 8 (the first is immediate), as Standard Webhooks senders use. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** An endpoint failing without a success for this long is turned off and its admins told. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
/** How long the delivery log keeps a row. */
export const KEEP_DELIVERIES_MS = 30 * 24 * 3600 * 1000;
/** How long the secret before a rotation still signs. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
export const ATTEMPT_TIMEOUT_MS = 10_000;
export const MAX_BODY_BYTES = 256 * 1024;
/** What the log keeps of a receiver's answer. */
export const EXCERPT_BYTES = 1024;
/** An attempt not recorded by then was lost with its process: it is made again. */
export const LEASE_MS = 60_000;
