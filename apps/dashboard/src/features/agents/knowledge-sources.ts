import { useQuery } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../lib/client';
import { useCan, useWorkspaceKey } from '../../lib/workspace';

/** What an agent's knowledge scope chooses from (the knowledge screens own the rest). */
export type SourceSummary = Pick<Schema<'KnowledgeSource'>, 'id' | 'kind' | 'title' | 'status' | 'chunkCount'>;

export function useKnowledgeSources() {
  const client = useClient();
  const key = useWorkspaceKey();
  const can = useCan();
  return useQuery({
    queryKey: key('agents', 'knowledge-sources'),
    queryFn: async (): Promise<SourceSummary[]> => (await call(client.GET('/api/v1/knowledge/sources'))).sources,
    enabled: can('knowledge.read'),
  });
}
