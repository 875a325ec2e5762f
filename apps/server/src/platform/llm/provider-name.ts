// Its own file: the error types name providers, and the other types name the errors.
export type ProviderName = 'openai' | 'anthropic' | 'google' | 'openai-compatible';

export const PROVIDER_NAMES: readonly ProviderName[] = ['openai', 'anthropic', 'google', 'openai-compatible'];
