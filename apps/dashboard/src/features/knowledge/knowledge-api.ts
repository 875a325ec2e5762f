import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { IconName } from '../../components/icons';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export type SourceKind = 'file' | 'url' | 'website' | 'text' | 'qa';
export type SourceStatus = 'pending' | 'processing' | 'ready' | 'failed';

export interface Source {
  id: string;
  kind: SourceKind;
  title: string;
  status: SourceStatus;
  /** fetch, extract, chunk, embed, store while working; queued before a sync; null when idle. */
  stage: string | null;
  progress: number;
  error: string | null;
  url: string | null;
  file: { name: string; size: number; type: string } | null;
  chunkCount: number;
  tokenCount: number;
  searchConfig: string;
  syncIntervalHours: number | null;
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** How it is searched: by meaning and keywords, being embedded, or by keywords only (and why). */
  search: { mode: 'semantic' | 'embedding' | 'keywords'; reason: 'off' | 'language' | null; language: string | null; embeddedChunks: number; model: string | null };
}

export interface KnowledgeLimits {
  maxUploadBytes: number;
  maxCrawlPages: number;
}

export interface QaPair {
  id: string;
  question: string;
  answer: string;
  createdAt: string;
  updatedAt: string;
}

export interface GapGroup {
  representative: string;
  count: number;
  lastAskedAt: string;
  gapIds: string[];
}

export interface Passage {
  chunkId: string;
  sourceId: string;
  sourceTitle: string;
  sourceKind: SourceKind;
  text: string;
  heading: string;
  page: number | null;
  anchor: string | null;
  url: string | null;
  score: number;
  coverage: number;
  similarity: number | null;
  rerankScore?: number;
  qa: { pairId: string; question: string; answer: string } | null;
}

export const KIND_INFO: Record<SourceKind, { label: string; icon: IconName }> = {
  file: { label: 'File', icon: 'file' },
  url: { label: 'Page', icon: 'link' },
  website: { label: 'Website', icon: 'globe' },
  text: { label: 'Text', icon: 'text' },
  qa: { label: 'Q&A', icon: 'qa' },
};

export const STAGE_LABELS: Record<string, string> = {
  queued: 'Waiting to sync',
  fetch: 'Fetching',
  extract: 'Reading the content',
  chunk: 'Splitting into passages',
  embed: 'Embedding',
  store: 'Saving',
};

/** Pending, processing, or a ready source with a sync under way: worth polling for. */
export const isWorking = (source: Source) => source.status === 'pending' || source.status === 'processing' || (source.status !== 'failed' && source.stage !== null);

/** Languages offered for sources and test retrieval (the server knows more codes). */
export const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['pt', 'Portuguese'],
  ['it', 'Italian'],
  ['nl', 'Dutch'],
  ['sv', 'Swedish'],
  ['da', 'Danish'],
  ['no', 'Norwegian'],
  ['fi', 'Finnish'],
  ['ru', 'Russian'],
  ['tr', 'Turkish'],
  ['auto', 'Other or mixed (no stemming)'],
];

/** Polls every second while any source is working, and stops when all are idle. */
export function useSources() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('knowledge', 'sources'),
    queryFn: () => workspaceApi<{ sources: Source[]; limits: KnowledgeLimits }>('/api/v1/knowledge/sources'),
    // Also while the background job embeds passages (its progress shows in the list).
    refetchInterval: (query) => (query.state.data?.sources.some((s) => isWorking(s) || (s.status === 'ready' && s.search.mode === 'embedding')) ? 1000 : false),
  });
}

export function useQaPairs() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('knowledge', 'qa'), queryFn: () => workspaceApi<{ pairs: QaPair[] }>('/api/v1/knowledge/qa').then((r) => r.pairs) });
}

export function useGaps() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('knowledge', 'gaps'), queryFn: () => workspaceApi<{ groups: GapGroup[] }>('/api/v1/knowledge/gaps').then((r) => r.groups) });
}

/** Refreshes every knowledge list after a change (sources, Q&A, gaps are linked). */
export function useRefreshKnowledge() {
  const queryClient = useQueryClient();
  const key = useWorkspaceKey();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: key('knowledge') }), [queryClient, key]);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
