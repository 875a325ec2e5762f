import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useClient, type Schema } from '../../../lib/client';
import { useWorkspaceKey } from '../../../lib/workspace';

export type EvaluationCase = Schema<'EvaluationCase'>;
export type EvaluationRun = Schema<'EvaluationRun'>;

export function useEvaluationSet(agentId: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', agentId, 'evaluations'),
    queryFn: () => call(client.GET('/api/v1/agents/{id}/evaluations', { params: { path: { id: agentId } } })),
  });
}

/** The runs, polled while the newest is still going (its progress shows as it moves). */
export function useEvaluationRuns(agentId: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', agentId, 'evaluation-runs'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/agents/{id}/evaluations/runs', { params: { path: { id: agentId } } }))).runs,
    refetchInterval: (query) =>
      query.state.data?.[0] && ['queued', 'running'].includes(query.state.data[0].status) ? 1000 : false,
  });
}

export function useEvaluationActions(agentId: string) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queries = useQueryClient();
  const path = { id: agentId };
  const refresh = () => queries.invalidateQueries({ queryKey: key('agents', agentId) });
  return {
    add: useMutation({
      mutationFn: (body: { question: string; facts: string[]; sourceId: string | null }) =>
        call(client.POST('/api/v1/agents/{id}/evaluations/cases', { params: { path }, body })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (caseId: string) =>
        call(
          client.DELETE('/api/v1/agents/{id}/evaluations/cases/{caseId}', { params: { path: { ...path, caseId } } }),
        ),
      onSuccess: refresh,
    }),
    settings: useMutation({
      mutationFn: (blockPublishBelow: number | null) =>
        call(client.PUT('/api/v1/agents/{id}/evaluations/settings', { params: { path }, body: { blockPublishBelow } })),
      onSuccess: refresh,
    }),
    run: useMutation({
      mutationFn: () => call(client.POST('/api/v1/agents/{id}/evaluations/runs', { params: { path } })),
      onSuccess: refresh,
    }),
  };
}
