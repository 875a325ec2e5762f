import { describe, expect, it } from 'vitest';
import { platformDefaults } from './index';

describe('platformDefaults', () => {
  it('is empty when nothing is configured', () => {
    expect(platformDefaults({})).toEqual({ chat: null, embedding: null });
    expect(platformDefaults({ ANTHROPIC_API_KEY: '' }).chat).toBeNull();
  });

  it('reads DEFAULT_MODEL with the matching key and base URL', () => {
    const { chat } = platformDefaults({
      DEFAULT_MODEL: 'anthropic:claude-sonnet-4-5',
      ANTHROPIC_API_KEY: 'ak',
      ANTHROPIC_BASE_URL: 'https://proxy.example/v1',
      OPENAI_API_KEY: 'ok',
    });
    expect(chat).toEqual({
      provider: 'anthropic',
      modelId: 'claude-sonnet-4-5',
      apiKey: 'ak',
      baseURL: 'https://proxy.example/v1',
      keyId: 'platform:anthropic',
      trust: 'operator',
    });
  });

  it('keeps colons in model ids and needs only a base URL for a compatible server', () => {
    const { chat } = platformDefaults({
      DEFAULT_MODEL: 'openai-compatible:llama3.1:8b',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
    });
    expect(chat).toEqual({
      provider: 'openai-compatible',
      modelId: 'llama3.1:8b',
      baseURL: 'http://localhost:11434/v1',
      keyId: 'platform:openai-compatible',
      trust: 'operator',
    });
  });

  it('places a bare model id by its name, and gives up when its key is missing', () => {
    expect(platformDefaults({ DEFAULT_MODEL: 'gemini-2.5-pro', GOOGLE_API_KEY: 'gk' }).chat).toMatchObject({
      provider: 'google',
      modelId: 'gemini-2.5-pro',
    });
    expect(platformDefaults({ DEFAULT_MODEL: 'claude-haiku-4-5', OPENAI_API_KEY: 'ok' }).chat).toBeNull();
  });

  it('picks a sensible model for the first provider with a key', () => {
    expect(platformDefaults({ OPENAI_API_KEY: 'ok' }).chat).toMatchObject({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
      keyId: 'platform:openai',
    });
    expect(platformDefaults({ ANTHROPIC_API_KEY: 'ak' }).chat).toMatchObject({
      provider: 'anthropic',
      modelId: 'claude-haiku-4-5',
    });
    expect(platformDefaults({ GOOGLE_API_KEY: 'gk' }).chat).toMatchObject({
      provider: 'google',
      modelId: 'gemini-2.5-flash',
    });
  });

  it('uses OpenAI embeddings with the OpenAI key by default, and the embedding settings when given', () => {
    expect(platformDefaults({ OPENAI_API_KEY: 'ok' }).embedding).toEqual({
      provider: 'openai',
      modelId: 'text-embedding-3-small',
      apiKey: 'ok',
      keyId: 'platform:openai',
      trust: 'operator',
    });
    expect(platformDefaults({ ANTHROPIC_API_KEY: 'ak' }).embedding).toBeNull();
    expect(
      platformDefaults({
        EMBEDDING_MODEL: 'nomic-embed-text:latest',
        EMBEDDING_BASE_URL: 'http://localhost:11434/v1',
        EMBEDDING_DIMENSIONS: '768',
      }).embedding,
    ).toEqual({
      provider: 'openai-compatible',
      modelId: 'nomic-embed-text:latest',
      baseURL: 'http://localhost:11434/v1',
      keyId: 'platform:embedding',
      trust: 'operator',
      dimensions: 768,
    });
    expect(
      platformDefaults({ EMBEDDING_MODEL: 'text-embedding-3-large', EMBEDDING_API_KEY: 'ek', OPENAI_API_KEY: 'ok' })
        .embedding,
    ).toEqual({
      provider: 'openai',
      modelId: 'text-embedding-3-large',
      apiKey: 'ek',
      keyId: 'platform:embedding',
      trust: 'operator',
    });
  });
});
