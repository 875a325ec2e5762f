import { guardedRequest, guardedWebFetch, type GuardedRequestOptions, type GuardedStream } from '../egress';
import type { ModelTarget } from './types';

/**
 * Every request to a model server goes through the egress module's guarded client, whatever
 * sends it (a provider package through its `fetch` option, or model-http.ts for OpenAI
 * streams): a workspace's server is checked on every request and connected to the checked
 * address; the operator's (trust 'operator') is not checked, being the operator's choice.
 *
 * Redirects are followed only within the server first asked (a proxy moving a path); one to
 * another server is refused without contacting it: a model API has no reason to send a POST
 * with the prompt and the key elsewhere, and following it let a workspace's server point the
 * platform at an internal address. Timeouts are the attempt's (AttemptControl), so the
 * client's own deadline is off; the size cap stops a server streaming without end.
 */
export const MODEL_RESPONSE_MAX_BYTES = 32 * 1024 * 1024;

export function modelRequestOptions(target: ModelTarget): GuardedRequestOptions {
  return {
    trust: target.trust ?? 'tenant',
    redirect: 'same-origin',
    maxBytes: MODEL_RESPONSE_MAX_BYTES,
    timeoutMs: Infinity,
    keepAlive: true,
  };
}

/** The fetch handed to the provider packages for this target. */
export function modelFetch(target: ModelTarget): typeof globalThis.fetch {
  return guardedWebFetch(modelRequestOptions(target));
}

/** A streamed request to this target's server (model-http.ts). */
export function openModelRequest(
  target: ModelTarget,
  url: string,
  options: GuardedRequestOptions,
): Promise<GuardedStream> {
  return guardedRequest(url, { ...modelRequestOptions(target), ...options });
}
