import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import { useWorkspaceApi, useWorkspaceKey } from '../../../lib/workspace';
import { agentPath } from '../agents-api';

export type EvaluationCase = Schema<'EvaluationCase'>;
export type EvaluationRun = Schema<'EvaluationRun'>;
interface EvaluationSet {
  cases: EvaluationCase[];
  settings: { blockPublishBelow: number | null };
}

const base = (agentId: string) => `${agentPath(agentId)}/evaluations`;

export function useEvaluationSet(agentId: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', agentId, 'evaluations'),
    queryFn: () => workspaceApi<EvaluationSet>(base(agentId)),
  });
}

/** The runs, polled while the newest is still going (its progress shows as it moves). */
export function useEvaluationRuns(agentId: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('agents', agentId, 'evaluation-runs'),
    queryFn: () => workspaceApi<{ runs: EvaluationRun[] }>(`${base(agentId)}/runs`).then((r) => r.runs),
    refetchInterval: (query) =>
      query.state.data?.[0] && ['queued', 'running'].includes(query.state.data[0].status) ? 1000 : false,
  });
}

export function useEvaluationActions(agentId: string) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: key('agents', agentId) });
  return {
    add: useMutation({
      mutationFn: (body: { question: string; facts: string[]; sourceId: string | null }) =>
        workspaceApi(`${base(agentId)}/cases`, { method: 'POST', json: body }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (caseId: string) =>
        workspaceApi(`${base(agentId)}/cases/${encodeURIComponent(caseId)}`, { method: 'DELETE' }),
      onSuccess: refresh,
    }),
    settings: useMutation({
      mutationFn: (blockPublishBelow: number | null) =>
        workspaceApi(`${base(agentId)}/settings`, { method: 'PUT', json: { blockPublishBelow } }),
      onSuccess: refresh,
    }),
    run: useMutation({
      mutationFn: () => workspaceApi(`${base(agentId)}/runs`, { method: 'POST' }),
      onSuccess: refresh,
    }),
  };
}
