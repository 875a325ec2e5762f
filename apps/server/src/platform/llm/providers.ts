import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { EmbeddingModel, LanguageModel } from 'ai';
import { LlmError, providerLabel } from './errors';
import type { ModelTarget, ProviderName } from './types';

/**
 * AI SDK models for a target. A provider instance is cheap (a few closures), so one is
 * made per call with that call's fetch, which carries the call's timeouts.
 *
 * Key and base URL are always passed explicitly: left undefined, the SDKs quietly read
 * OPENAI_API_KEY, OPENAI_BASE_URL, ANTHROPIC_BASE_URL & co. from the environment, so a
 * tenant's call could run on the platform's key, or send the tenant's key to the
 * platform's proxy.
 */
type Fetch = typeof globalThis.fetch;

function requireKey(target: ModelTarget): string {
  if (!target.apiKey) {
    throw new LlmError({
      kind: 'auth',
      provider: target.provider,
      message: `No API key is configured for ${providerLabel(target.provider)}.`,
    });
  }
  return target.apiKey;
}

function requireBaseURL(target: ModelTarget): string {
  if (!target.baseURL) {
    throw new LlmError({
      kind: 'bad_request',
      provider: target.provider,
      message: 'An OpenAI-compatible model server needs a base URL.',
    });
  }
  return target.baseURL;
}

const trimmed = (url: string | undefined) => url?.replace(/\/+$/, '');

export const DEFAULT_BASE_URLS: Record<ProviderName, string | undefined> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
  'openai-compatible': undefined,
};

/** The target's base URL, or its provider's public API (never one from the environment). */
export const baseURLOf = (target: ModelTarget): string | undefined =>
  trimmed(target.baseURL ?? DEFAULT_BASE_URLS[target.provider]);

function compatible(target: ModelTarget, fetch: Fetch) {
  return createOpenAICompatible({
    name: 'compatible',
    baseURL: trimmed(requireBaseURL(target))!,
    ...(target.apiKey ? { apiKey: target.apiKey } : {}),
    // Ask for the usage chunk at the end of a stream (`stream_options.include_usage`).
    includeUsage: true,
    fetch,
  });
}

export function languageModel(target: ModelTarget, fetch: Fetch): LanguageModel {
  const baseURL = baseURLOf(target);
  switch (target.provider) {
    case 'openai':
      // Chat Completions rather than the Responses API: every OpenAI-style proxy speaks it.
      // The SDK asks for the usage chunk on streams itself.
      return createOpenAI({ apiKey: requireKey(target), baseURL, fetch }).chat(target.modelId);
    case 'anthropic':
      return createAnthropic({ apiKey: requireKey(target), baseURL, fetch })(target.modelId);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: requireKey(target), baseURL, fetch })(target.modelId);
    case 'openai-compatible':
      return compatible(target, fetch).chatModel(target.modelId);
  }
}

export function embeddingModel(target: ModelTarget, fetch: Fetch): EmbeddingModel {
  const baseURL = baseURLOf(target);
  switch (target.provider) {
    case 'openai':
      return createOpenAI({ apiKey: requireKey(target), baseURL, fetch }).embedding(target.modelId);
    case 'google':
      return createGoogleGenerativeAI({ apiKey: requireKey(target), baseURL, fetch }).textEmbeddingModel(
        target.modelId,
      );
    case 'openai-compatible':
      return compatible(target, fetch).textEmbeddingModel(target.modelId);
    case 'anthropic':
      throw new LlmError({
        kind: 'bad_request',
        provider: target.provider,
        message: 'Anthropic has no embeddings API; choose an OpenAI-compatible embedding model.',
      });
  }
}

/** Provider options that ask an embedding model for a vector size. */
export function providerOptionsForDimensions(
  target: ModelTarget,
  dimensions: number | undefined,
): Record<string, Record<string, number>> | undefined {
  if (dimensions === undefined) return undefined;
  if (target.provider === 'google') return { google: { outputDimensionality: dimensions } };
  return { openai: { dimensions }, openaiCompatible: { dimensions } };
}
