import { useQuery } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

/** The server's agent configuration (apps/server/src/modules/agents/config.ts), as JSON. */
export const PROVIDERS = ['openai', 'anthropic', 'google', 'openai-compatible'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const TONES = ['friendly', 'professional', 'concise', 'playful'] as const;
export const ANSWER_MODES = ['hybrid', 'generative', 'extractive'] as const;
export type AnswerMode = (typeof ANSWER_MODES)[number];

export interface ModelChoice {
  provider: Provider;
  modelId: string;
  /** A workspace provider key; null uses the platform's key for the provider. */
  credentialId: string | null;
  temperature: number;
  maxTokens: number;
}

export interface AgentConfig {
  name: string;
  avatarUrl: string | null;
  instructions: string;
  /** The model is told never to repeat the instructions; an answer reciting them is replaced (absent: saved before it existed, off). */
  instructionsConfidential?: boolean;
  tone: (typeof TONES)[number];
  language: string;
  greeting: string;
  suggestedQuestions: string[];
  model: ModelChoice | null;
  fallbackModel: ModelChoice | null;
  knowledge: { sourceIds: string[] | null; topK: number; minScore: number };
  tools: { knowledgeSearch: boolean; handoff: boolean; captureLead: boolean };
  handoff: { keywords: string[]; maxUnanswered: number; onNegativeSentiment: boolean; vipOnly: boolean };
  answerMode: AnswerMode;
}

export type AgentStatus = 'active' | 'paused' | 'archived';

export interface Agent {
  id: string;
  name: string;
  status: AgentStatus;
  draft: AgentConfig;
  publishedVersion: number | null;
  published: AgentConfig | null;
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface VersionSummary {
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  live: boolean;
}

export interface VersionDetail {
  version: number;
  config: AgentConfig;
  note: string | null;
  createdAt: string;
}

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
  generative: { label: 'Generative', text: 'The model writes every answer from the retrieved passages, citing them, and may use tools.' },
  extractive: { label: 'Extractive', text: 'Answers are composed from the best passages of your knowledge, with citations, without any model. Says plainly when nothing relevant was found.' },
};

export const agentPath = (id: string) => `/api/v1/agents/${encodeURIComponent(id)}`;

export function useAgents() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents'), queryFn: () => workspaceApi<{ agents: Agent[] }>('/api/v1/agents').then((r) => r.agents) });
}

export function useAgent(id: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents', id), queryFn: () => workspaceApi<{ agent: Agent }>(agentPath(id)).then((r) => r.agent) });
}

export function useVersions(id: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents', id, 'versions'), queryFn: () => workspaceApi<{ versions: VersionSummary[] }>(`${agentPath(id)}/versions`).then((r) => r.versions) });
}

/** One frozen version; versions never change, so it is fetched once. */
export function useVersion(id: string, version: number | null) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', id, 'versions', version),
    queryFn: () => workspaceApi<VersionDetail>(`${agentPath(id)}/versions/${version}`),
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
