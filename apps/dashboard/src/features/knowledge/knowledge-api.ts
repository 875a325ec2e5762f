import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { SourceKind } from '@switchboard/contract/enums';
import type { IconName } from '../../components/icons';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

// Sources, Q&A pairs, gaps and passages are the server's shapes, from the API contract.
export type { SourceKind };
export type Source = Schema<'KnowledgeSource'>;
export type SourceStatus = Source['status'];
export type KnowledgeLimits = Schema<'KnowledgeLimits'>;
export type QaPair = Schema<'QaPair'>;
export type GapGroup = Schema<'KnowledgeGapGroup'>;
export type Passage = Schema<'Passage'>;

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
export const isWorking = (source: Source) =>
  source.status === 'pending' ||
  source.status === 'processing' ||
  (source.status !== 'failed' && source.stage !== null);

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
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('knowledge', 'sources'),
    queryFn: () => call(client.GET('/api/v1/knowledge/sources')),
    // Also while the background job embeds passages (its progress shows in the list).
    refetchInterval: (query) =>
      query.state.data?.sources.some((s) => isWorking(s) || (s.status === 'ready' && s.search.mode === 'embedding'))
        ? 1000
        : false,
  });
}

export function useQaPairs() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('knowledge', 'qa'),
    queryFn: async () => (await call(client.GET('/api/v1/knowledge/qa'))).pairs,
  });
}

export function useGaps() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('knowledge', 'gaps'),
    queryFn: async () => (await call(client.GET('/api/v1/knowledge/gaps'))).groups,
  });
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
