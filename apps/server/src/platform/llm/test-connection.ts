import { generateText } from 'ai';
import { AttemptControl } from './attempt-control';
import { LlmError, toLlmError } from './errors';
import { baseURLOf, languageModel } from './providers';
import type { ModelTarget } from './types';

/**
 * "Test connection" for a provider credential: lists the server's models (free, and it
 * also works for embedding models), and when the model is not listed — Anthropic lists
 * dated ids, not aliases; some local servers list nothing — asks it for one token.
 * Messages name the server by origin only (no path, query or user info, which could hold a
 * secret) and never include the key or anything the server said.
 */
export interface ConnectionReport {
  ok: boolean;
  latencyMs: number;
  message: string;
}

const TIMEOUTS = { connectMs: 10_000, firstTokenMs: 15_000, totalMs: 15_000 };

export function safeOrigin(baseURL: string | undefined): string {
  if (!baseURL) return 'the model server';
  try {
    return new URL(baseURL).origin;
  } catch {
    return 'the configured base URL';
  }
}

/** The model ids the server lists, or null when it has no (working) list endpoint. */
async function listModels(target: ModelTarget, control: AttemptControl): Promise<string[] | null> {
  const base = baseURLOf(target);
  if (!base || target.provider === 'google') return null;
  const headers: Record<string, string> =
    target.provider === 'anthropic'
      ? { 'x-api-key': target.apiKey ?? '', 'anthropic-version': '2023-06-01' }
      : target.apiKey
        ? { authorization: `Bearer ${target.apiKey}` }
        : {};
  const url = target.provider === 'anthropic' ? `${base}/models?limit=1000` : `${base}/models`;
  const response = await control.fetchFor(target)(url, { headers });
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw new LlmError({
      kind: 'auth',
      provider: target.provider,
      status: response.status,
      message: `The API key was rejected (HTTP ${response.status}).`,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    return null;
  }
  const body = (await response.json().catch(() => null)) as { data?: Array<{ id?: unknown }> } | null;
  return Array.isArray(body?.data) ? body.data.map((m) => String(m.id ?? '')) : null;
}

function explain(error: LlmError, target: ModelTarget, listed: string[] | null): string {
  const where = safeOrigin(baseURLOf(target));
  switch (error.kind) {
    case 'auth':
      return error.status
        ? `The API key was rejected by ${where} (HTTP ${error.status}). Check that it is correct and still active.`
        : 'No API key is set for this provider.';
    case 'unavailable':
      return error.status
        ? `${where} answered with a server error (HTTP ${error.status}). Try again later.`
        : `Could not reach ${where}${error.code ? ` (${error.code})` : ''}. Check the base URL and that the server is running.`;
    case 'timeout':
      return `${where} did not answer in time.`;
    case 'rate_limited':
      return error.code === 'insufficient_quota'
        ? 'The key works, but its account has run out of quota.'
        : 'The key works, but the provider is rate limiting it right now.';
    case 'bad_request':
      if (error.status === 404 || listed) {
        const offered =
          listed && listed.length > 0
            ? ` It offers: ${listed.slice(0, 5).join(', ')}${listed.length > 5 ? ', …' : ''}.`
            : '';
        return `${where} does not offer the model "${target.modelId}".${offered}`;
      }
      return `${where} refused a test request for "${target.modelId}" (HTTP ${error.status ?? '?'}).`;
    case 'refused':
      if (error.code === 'redirect')
        return `${where} answered with a redirect to another server, which is not followed. Enter the address it redirects to as the base URL.`;
      if (error.code === 'forbidden_address')
        return `${where} is on a private, loopback or link-local address, which this server does not connect to.`;
      return error.message;
    case 'malformed':
      return `${where} answered, but not in the format this provider type uses. Check the provider type and base URL.`;
    default:
      return `The test call to ${where} failed.`;
  }
}

export async function testConnection(target: ModelTarget): Promise<ConnectionReport> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const control = new AttemptControl(target.provider, TIMEOUTS, Date.now() + TIMEOUTS.totalMs, undefined);
  let listed: string[] | null = null;
  try {
    listed = await listModels(target, control);
    if (listed?.includes(target.modelId)) {
      return { ok: true, latencyMs: elapsed(), message: `Connected; "${target.modelId}" is available.` };
    }
    await generateText({
      model: languageModel(target, control.fetchFor(target)),
      prompt: 'Reply with OK.',
      maxOutputTokens: 1,
      maxRetries: 0,
      abortSignal: control.signal,
    });
    return { ok: true, latencyMs: elapsed(), message: `Connected; "${target.modelId}" answered.` };
  } catch (thrown) {
    const error = control.failure ?? toLlmError(thrown, target.provider);
    // A rate-limited key is a working key.
    const ok = error.kind === 'rate_limited' && error.code !== 'insufficient_quota';
    return { ok, latencyMs: elapsed(), message: explain(error, target, listed) };
  } finally {
    control.dispose();
  }
}
