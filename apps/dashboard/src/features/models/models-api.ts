import { useQuery } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import type { Provider } from '../agents/agents-api';

/** A workspace's own model key, as every API answers it: never the key, only its last characters. */
export interface ProviderKey {
  id: string;
  provider: Provider;
  label: string;
  baseUrl: string | null;
  keyPreview: string | null;
  lastTestedAt: string | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  createdAt: string;
}

export interface ProviderKeys {
  keys: ProviderKey[];
  /** The providers the platform itself has keys for (from its environment), and its default model. */
  platform: { providers: Provider[]; defaultModel: string | null };
}

export interface TestResult {
  ok: boolean;
  latencyMs: number;
  message: string;
  key: ProviderKey;
}

export const providerKeyPath = (id: string) => `/api/v1/provider-keys/${encodeURIComponent(id)}`;

export function useProviderKeys() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('provider-keys'),
    queryFn: () => workspaceApi<ProviderKeys>('/api/v1/provider-keys'),
  });
}

/** Model ids offered as suggestions (any id the provider serves can be typed). */
export const MODEL_SUGGESTIONS: Record<Provider, string[]> = {
  openai: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1'],
  anthropic: ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-3-5-haiku-latest'],
  google: ['gemini-2.0-flash', 'gemini-2.5-flash', 'gemini-2.5-pro'],
  'openai-compatible': ['llama3.1', 'llama3.1:8b', 'qwen2.5', 'mistral'],
};
