import { useQuery } from '@tanstack/react-query';
import { PROVIDERS, TONES, type AnswerMode, type Provider } from '@switchboard/contract/enums';
import { call, useClient, type paths, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

// The server's agent shapes, from the API contract (packages/contract): a change there breaks
// this typecheck instead of the page.
export { PROVIDERS, TONES, type AnswerMode, type Provider };
/** In the order the editor offers them. */
export const ANSWER_MODES = ['hybrid', 'generative', 'extractive'] as const satisfies readonly AnswerMode[];

export type Agent = Schema<'Agent'>;
export type AgentConfig = Schema<'AgentConfig'>;
export type ModelChoice = NonNullable<AgentConfig['model']>;
export type AgentStatus = Agent['status'];
export type VersionSummary = Schema<'AgentVersionSummary'>;
export type VersionDetail =
  paths['/api/v1/agents/{id}/versions/{version}']['get']['responses'][200]['content']['application/json'];

export const PROVIDER_LABELS: Record<Provider, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  google: 'Google',
  'openai-compatible': 'OpenAI-compatible server',
};

export const MODE_TEXT: Record<AnswerMode, { label: string; text: string }> = {
  hybrid: {
    label: 'Hybrid',
    text: 'A curated Q&A answer when the question matches one; the model for everything else; composed from your knowledge when no model is available or it fails.',
  },
  generative: {
    label: 'Generative',
    text: 'The model writes every answer from the retrieved passages, citing them, and may use tools.',
  },
  extractive: {
    label: 'Extractive',
    text: 'Answers are composed from the best passages of your knowledge, with citations, without any model. Says plainly when nothing relevant was found.',
  },
};

export const agentPath = (id: string) => `/api/v1/agents/${encodeURIComponent(id)}`;

export function useAgents() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents'), queryFn: async () => (await call(client.GET('/api/v1/agents'))).agents });
}

export function useAgent(id: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', id),
    queryFn: async () => (await call(client.GET('/api/v1/agents/{id}', { params: { path: { id } } }))).agent,
  });
}

export function useVersions(id: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', id, 'versions'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/agents/{id}/versions', { params: { path: { id } } }))).versions,
  });
}

/** One frozen version; versions never change, so it is fetched once. */
export function useVersion(id: string, version: number | null) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', id, 'versions', version),
    queryFn: () =>
      call(client.GET('/api/v1/agents/{id}/versions/{version}', { params: { path: { id, version: version! } } })),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

/** A short description of a model choice, for lists and diffs. */
export function describeModel(model: ModelChoice | null, keyLabel: (id: string) => string = (id) => id): string {
  if (!model) return 'None (answers from knowledge only)';
  const key = model.credentialId ? `key “${keyLabel(model.credentialId)}”` : 'platform key';
  return `${PROVIDER_LABELS[model.provider]} · ${model.modelId} · temperature ${model.temperature} · up to ${model.maxTokens} tokens · ${key}`;
}
