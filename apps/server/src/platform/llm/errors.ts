import { APICallError } from 'ai';
import { isEgressError, type EgressError } from '../egress';
import type { ProviderName } from './provider-name';

export type LlmErrorKind =
  | 'timeout'
  | 'rate_limited'
  | 'unavailable'
  | 'circuit_open'
  | 'dropped'
  | 'malformed'
  | 'auth'
  | 'aborted'
  | 'bad_request'
  /** Not sent, or not followed: the egress guard refused the address or a redirect. */
  | 'refused'
  | 'unknown';

export interface LlmErrorInit {
  kind: LlmErrorKind;
  provider: ProviderName;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  /** The provider's machine-readable error code, only when it is a plain identifier. */
  code?: string;
}

/**
 * A failed model call. The message is written here from the kind, status and provider
 * alone — never copied from the upstream error or body, which may echo the key — and no
 * `cause` is attached, so logging the whole error cannot leak one either.
 */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly provider: ProviderName;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly code?: string;

  constructor(init: LlmErrorInit) {
    super(init.message);
    this.name = 'LlmError';
    this.kind = init.kind;
    this.provider = init.provider;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.code !== undefined) this.code = init.code;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      provider: this.provider,
      message: this.message,
      status: this.status,
      code: this.code,
      retryAfterSeconds: this.retryAfterSeconds,
    };
  }
}

export function isLlmError(error: unknown): error is LlmError {
  return error instanceof LlmError;
}

const PROVIDER_LABELS: Record<ProviderName, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'openai-compatible': 'The model server',
};

export const providerLabel = (provider: ProviderName): string => PROVIDER_LABELS[provider];

/** Retry-After in seconds from `retry-after-ms`, `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = Number(lower['retry-after-ms']);
  if (lower['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms / 1000;
  const value = lower['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  // An HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") has a day name; a bare number here was negative.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The provider's error code or type (`insufficient_quota`, `overloaded_error`), if it is a plain identifier. */
function upstreamCode(data: unknown): string | undefined {
  const error = (data as { error?: { code?: unknown; type?: unknown } } | undefined)?.error;
  const candidate =
    typeof error?.code === 'string' ? error.code : typeof error?.type === 'string' ? error.type : undefined;
  // Lower-case words and underscores only (invalid_api_key, overloaded_error): keys have digits and capitals.
  return candidate && /^[a-z]+(?:_[a-z]+)*$/.test(candidate) && candidate.length <= 48 ? candidate : undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ConnectionRefused',
  'FailedToOpenSocket',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const DROP_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ConnectionClosed', 'UND_ERR_BODY_TIMEOUT']);

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && !chain.includes(current) && chain.length < 8) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function chainCode(chain: unknown[], codes: Set<string>): string | undefined {
  for (const link of chain) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return code;
  }
  return undefined;
}

function fromStatus(
  provider: ProviderName,
  status: number,
  headers: Record<string, string> | undefined,
  data: unknown,
): LlmError {
  const who = providerLabel(provider);
  const code = upstreamCode(data);
  const base = { provider, status, ...(code ? { code } : {}) };
  if (status === 401 || status === 403) {
    return new LlmError({
      ...base,
      kind: 'auth',
      message: `${who} rejected the API key (HTTP ${status}). Check the key and its permissions.`,
    });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers);
    const quota = code === 'insufficient_quota' ? ' The account has run out of quota.' : '';
    return new LlmError({
      ...base,
      kind: 'rate_limited',
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      message: `${who} is rate limiting this key (HTTP 429).${quota}`,
    });
  }
  if (status === 408)
    return new LlmError({ ...base, kind: 'timeout', message: `${who} timed out handling the request (HTTP 408).` });
  if (status >= 500) {
    const retryAfterSeconds = parseRetryAfter(headers);
    return new LlmError({
      ...base,
      kind: 'unavailable',
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      message: `${who} is unavailable (HTTP ${status}).`,
    });
  }
  if (status === 404)
    return new LlmError({
      ...base,
      kind: 'bad_request',
      message: `${who} does not know this model or endpoint (HTTP 404).`,
    });
  return new LlmError({ ...base, kind: 'bad_request', message: `${who} refused the request (HTTP ${status}).` });
}

/**
 * The guard's refusals and failures, in words for the workspace. Never the address a name
 * resolved to, nor where a redirect pointed: both can describe the internal network.
 */
function fromEgress(error: EgressError, provider: ProviderName): LlmError {
  const who = providerLabel(provider);
  switch (error.reason) {
    case 'forbidden_address':
      return new LlmError({
        kind: 'refused',
        provider,
        code: 'forbidden_address',
        message: `${who} is on an address this server does not connect to (a private, loopback or link-local network). Use its public address.`,
      });
    case 'bad_url':
    case 'unsupported_scheme':
      return new LlmError({
        kind: 'refused',
        provider,
        code: 'bad_url',
        message: `${who}: the base URL is not a valid http or https URL.`,
      });
    case 'redirect_refused':
      return new LlmError({
        kind: 'refused',
        provider,
        code: 'redirect',
        message: `${who} answered with a redirect to another server, which model requests do not follow. Use the address it redirects to as the base URL.`,
      });
    case 'redirect_loop':
    case 'too_many_redirects':
      return new LlmError({
        kind: 'refused',
        provider,
        code: 'redirect_loop',
        message: `${who} redirects in a loop or too many times.`,
      });
    case 'too_large':
      return new LlmError({
        kind: 'malformed',
        provider,
        message: `${who} sent a larger response than a model answer can be.`,
      });
    case 'timeout':
      return new LlmError({ kind: 'timeout', provider, message: `${who} did not answer in time.` });
    default:
      return new LlmError({ kind: 'unavailable', provider, message: `Could not connect to ${who}.` });
  }
}

/** Maps anything a provider call throws to an LlmError with a message safe to show and log. */
export function toLlmError(error: unknown, provider: ProviderName): LlmError {
  if (error instanceof LlmError) return error;
  const who = providerLabel(provider);
  const chain = errorChain(error);
  const egress = chain.find(isEgressError);
  if (egress) return fromEgress(egress, provider);
  const apiError = chain.find((link) => APICallError.isInstance(link));
  // A 200 whose body then failed (a dropped stream) is judged by its cause below.
  if (apiError && apiError.statusCode !== undefined && apiError.statusCode >= 400) {
    return fromStatus(provider, apiError.statusCode, apiError.responseHeaders, apiError.data);
  }
  const names = chain.map((link) => (link instanceof Error ? link.name : ''));
  if (names.some((n) => n === 'AbortError' || n === 'ResponseAborted')) {
    return new LlmError({ kind: 'aborted', provider, message: 'The model request was cancelled.' });
  }
  if (names.some((n) => n === 'TimeoutError')) {
    return new LlmError({ kind: 'timeout', provider, message: `${who} did not answer in time.` });
  }
  const unreachable = chainCode(chain, NETWORK_CODES);
  if (unreachable)
    return new LlmError({
      kind: 'unavailable',
      provider,
      code: unreachable,
      message: `Could not connect to ${who} (${unreachable}).`,
    });
  const dropped = chainCode(chain, DROP_CODES);
  if (dropped || chain.some((link) => link instanceof TypeError && link.message === 'terminated')) {
    return new LlmError({
      kind: 'dropped',
      provider,
      ...(dropped ? { code: dropped } : {}),
      message: `${who} closed the connection in the middle of the answer.`,
    });
  }
  if (
    names.some(
      (n) =>
        n === 'AI_JSONParseError' ||
        n === 'AI_TypeValidationError' ||
        n === 'AI_InvalidResponseDataError' ||
        n === 'AI_EmptyResponseBodyError',
    )
  ) {
    return new LlmError({ kind: 'malformed', provider, message: `${who} sent a response that could not be read.` });
  }
  if (names.some((n) => n === 'AI_LoadAPIKeyError')) {
    return new LlmError({ kind: 'auth', provider, message: `No API key is configured for ${who}.` });
  }
  if (
    names.some(
      (n) => n === 'AI_NoSuchModelError' || n === 'AI_UnsupportedFunctionalityError' || n === 'AI_InvalidPromptError',
    )
  ) {
    return new LlmError({
      kind: 'bad_request',
      provider,
      message: `${who} cannot serve this request with the chosen model.`,
    });
  }
  if (apiError?.statusCode !== undefined) {
    return new LlmError({ kind: 'dropped', provider, message: `${who} stopped in the middle of the answer.` });
  }
  if (apiError) return new LlmError({ kind: 'unavailable', provider, message: `Could not connect to ${who}.` });
  return new LlmError({ kind: 'unknown', provider, message: `The call to ${who} failed unexpectedly.` });
}

/** A call refused without trying because the key's circuit is open. */
export function circuitOpenError(provider: ProviderName, retryAfterMs: number): LlmError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new LlmError({
    kind: 'circuit_open',
    provider,
    retryAfterSeconds: seconds,
    message: `${providerLabel(provider)} failed repeatedly; calls with this key are paused for ${seconds} s.`,
  });
}

/** Failures that say something about the provider's health (and so count for its circuit breaker). */
export const countsAgainstCircuit = (error: LlmError): boolean =>
  ['timeout', 'rate_limited', 'unavailable', 'dropped', 'malformed'].includes(error.kind);

/** Failures worth one more try on the same target. An exhausted quota will not heal in seconds. */
export const isRetryable = (error: LlmError): boolean =>
  ['timeout', 'unavailable', 'dropped'].includes(error.kind) ||
  (error.kind === 'rate_limited' && error.code !== 'insufficient_quota');

/** Failures where another model may well succeed. */
export const allowsFallback = (error: LlmError): boolean =>
  ['timeout', 'rate_limited', 'unavailable', 'dropped', 'malformed', 'circuit_open'].includes(error.kind);
