import { useQuery } from '@tanstack/react-query';
import { useCan, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

/** What an agent's knowledge scope chooses from (the knowledge screens own the rest). */
export interface SourceSummary {
  id: string;
  kind: 'file' | 'url' | 'website' | 'text' | 'qa';
  title: string;
  status: 'pending' | 'processing' | 'ready' | 'failed';
  chunkCount: number;
}

export function useKnowledgeSources() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const can = useCan();
  return useQuery({
    queryKey: key('agents', 'knowledge-sources'),
    queryFn: () => workspaceApi<{ sources: SourceSummary[] }>('/api/v1/knowledge/sources').then((r) => r.sources),
    enabled: can('knowledge.read'),
  });
}
