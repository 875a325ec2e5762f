import { randomUUID } from 'node:crypto';
import type { ChatEvent, LlmError, ModelTarget } from '../../../src/platform/llm';
import type { ModelServer } from './index';

/** Helpers for tests that drive the model layer against the scripted server. */

/** A recognisable fake key: tests assert it never shows up where it must not. */
export const FAKE_KEY = 'sk-test-SECRET-123';

export type WireFormat = 'openai' | 'anthropic';

export const WIRE_FORMATS: WireFormat[] = ['openai', 'anthropic'];

/**
 * A target on the scripted server, with a fresh keyId so each test has its own circuit. The
 * test configures it as the operator would (`trust: 'operator'`: its loopback address is
 * reached without the egress guard's allow-list); `{ trust: 'tenant' }` makes it a workspace's.
 */
export function targetFor(server: ModelServer, format: WireFormat, overrides: Partial<ModelTarget> = {}): ModelTarget {
  const base: ModelTarget =
    format === 'openai'
      ? {
          provider: 'openai',
          modelId: 'gpt-4o-mini',
          apiKey: FAKE_KEY,
          baseURL: server.openaiBaseURL,
          keyId: `test:${randomUUID()}`,
          trust: 'operator',
        }
      : {
          provider: 'anthropic',
          modelId: 'claude-haiku-4-5',
          apiKey: FAKE_KEY,
          baseURL: server.anthropicBaseURL,
          keyId: `test:${randomUUID()}`,
          trust: 'operator',
        };
  return { ...base, ...overrides };
}

export interface Collected {
  events: ChatEvent[];
  types: string[];
  text: string;
  finish: Extract<ChatEvent, { type: 'finish' }> | undefined;
  error: LlmError | undefined;
}

export async function collect(
  stream: AsyncIterable<ChatEvent>,
  onEvent?: (event: ChatEvent) => void,
): Promise<Collected> {
  const events: ChatEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    onEvent?.(event);
  }
  const finish = events.find((e): e is Extract<ChatEvent, { type: 'finish' }> => e.type === 'finish');
  const error = events.find((e): e is Extract<ChatEvent, { type: 'error' }> => e.type === 'error')?.error;
  return {
    events,
    types: events.map((e) => e.type),
    text: events.map((e) => (e.type === 'text' ? e.delta : '')).join(''),
    finish,
    error,
  };
}

/** The chat-style requests the server received (embeddings and model lists left out). */
export function chatRequests(server: ModelServer) {
  return server.requests.filter((r) => r.path === '/v1/chat/completions' || r.path === '/v1/messages');
}
