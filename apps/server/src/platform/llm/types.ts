import type { ZodType } from 'zod';
import type { EgressTrust } from '../egress';
import type { Logger } from '../log';
import type { LlmError } from './errors';
import { PROVIDER_NAMES, type ProviderName } from './provider-name';

export { PROVIDER_NAMES, type ProviderName };

export interface ModelTarget {
  provider: ProviderName;
  modelId: string;
  /** Absent for keyless local servers (Ollama, LM Studio); required by the hosted providers. */
  apiKey?: string;
  /** Required for openai-compatible; an optional override (proxy, gateway) for the others. */
  baseURL?: string;
  /** Stable id of the credential ("platform:openai" or a credential row id): names the circuit breaker. Never the key. */
  keyId: string;
  /**
   * Who chose the base URL: 'operator' for the platform's own models (environment), reached
   * wherever it points; anything else — a workspace's credential, and a target that does not
   * say — goes through the egress guard on every request (see transport.ts).
   */
  trust?: EgressTrust;
}

/** `any` by default so tools of different input types fit one `Record<string, ChatTool>`. */
export interface ChatTool<I = any> {
  description: string;
  inputSchema: ZodType<I>;
  /** Sent to the model instead of inputSchema's JSON Schema (tools described elsewhere: MCP). */
  jsonSchema?: Record<string, unknown>;
  execute(input: I, options: { abortSignal?: AbortSignal }): Promise<unknown>;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatTimeouts {
  /** Until the response headers arrive (default 10 s). */
  connectMs?: number;
  /** Until the first text or tool-call delta of a model step (default 30 s). */
  firstTokenMs?: number;
  /** The whole call, retries and fallback included (default 120 s). */
  totalMs?: number;
}

export interface ChatRequest {
  target: ModelTarget;
  /** Used when the primary fails before its first token (timeout, 429/5xx after the retry, circuit open, …). */
  fallback?: ModelTarget;
  system: string;
  messages: ChatMessage[];
  tools?: Record<string, ChatTool>;
  /** Tool loop cap: model steps, the answer after the last tool result included (default 4). */
  maxSteps?: number;
  temperature?: number;
  maxOutputTokens?: number;
  /** Client disconnect: aborts the upstream request. */
  abortSignal?: AbortSignal;
  timeouts?: ChatTimeouts;
  /** Where retries, fallbacks and circuit changes are logged (never with a key). */
  logger?: Logger;
}

export interface ChatUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ChatEvent =
  | { type: 'text'; delta: string }
  | { type: 'tool-call'; id: string; name: string; input: unknown }
  | { type: 'tool-result'; id: string; name: string; output: unknown }
  | {
      type: 'finish';
      usage: ChatUsage;
      finishReason: string;
      /** "provider:modelId" actually used. */
      model: string;
      /** 0 when the model has no known price (see `priced`). */
      costUsd: number;
      /** Whether a price was known for the model (the built-in list or MODEL_PRICES). */
      priced: boolean;
      usedFallback: boolean;
    }
  /** Terminal; text already yielded stays valid (a partial answer). */
  | {
      type: 'error';
      error: LlmError;
      /**
       * When the answer was cut short after text reached the caller: what the call is estimated
       * to have used (our token count of the prompt and of the text streamed; providers report
       * usage only at the end) and cost, so metering does not count it as free.
       */
      partial?: { usage: ChatUsage; model: string; costUsd: number; priced: boolean };
    };

export const modelLabel = (target: Pick<ModelTarget, 'provider' | 'modelId'>): string =>
  `${target.provider}:${target.modelId}`;
