import { createEgressGuard, type EgressGuard, type EgressGuardOptions, type GuardedFetch } from './guard';

/**
 * The one way to fetch a user-supplied URL (URL ingestion, crawls, HTTP tools, webhooks).
 * `configureEgress` is called once at boot with the operator's allow-list
 * (EGRESS_ALLOW_CIDRS); until then the default guard allows no private range.
 */
export { createEgressGuard } from './guard';
export type { EgressGuard, EgressGuardOptions, GuardedFetch, GuardedFetchOptions, GuardedResponse } from './guard';
export { EgressError, isEgressError, type EgressFailure } from './errors';
export type { Resolver } from './resolve';

let defaultGuard: EgressGuard = createEgressGuard();

export function configureEgress(options: EgressGuardOptions): void {
  defaultGuard = createEgressGuard(options);
}

/** Fetches through the default guard as configured at the time of the call. */
export const guardedFetch: GuardedFetch = (url, options) => defaultGuard.fetch(url, options);

/** Refuses a URL whose host is (or resolves to) a forbidden address, without fetching it. */
export const assertEgressAllowed = (url: string, signal?: AbortSignal): Promise<void> => defaultGuard.check(url, signal);
