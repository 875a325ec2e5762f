/**
 * The model-provider layer: chat streaming with tools, embeddings, token budgets, costs,
 * connection tests and the platform's default models, over OpenAI, Anthropic, Google and
 * OpenAI-compatible servers through the AI SDK. Nothing outside this folder talks to a
 * provider SDK.
 */
export type {
  ChatEvent,
  ChatMessage,
  ChatRequest,
  ChatTimeouts,
  ChatTool,
  ChatUsage,
  ModelTarget,
  ProviderName,
} from './types';
export { PROVIDER_NAMES, modelLabel } from './types';
export { LlmError, isLlmError, type LlmErrorKind } from './errors';
export { streamChat } from './stream-chat';
export { DEFAULT_TIMEOUTS } from './attempt-control';
export { DEFAULT_MAX_STEPS } from './attempt';
export { countTokens, fitHistory, fitHistoryBeside } from './tokens';
export { contextWindow, DEFAULT_CONTEXT_WINDOW } from './models';
export {
  configureModelPrices,
  costOf,
  estimateCostUsd,
  priceOf,
  type CallCost,
  type ModelPrice,
  type PriceOverrides,
} from './prices';
export { testConnection, type ConnectionReport } from './test-connection';
export { embedTexts, type EmbedOptions } from './embeddings';
export { platformDefaults, DEFAULT_CHAT_MODELS, type EmbeddingTarget } from './defaults';
export {
  circuitState,
  configureCircuitBreakers,
  type CircuitBreakerOptions,
  type CircuitState,
} from './circuit-breaker';
export { rerank, type RerankTarget, type RerankHit } from './rerank';
