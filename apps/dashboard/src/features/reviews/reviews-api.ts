import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiError as ContractError, createClient, unwrap, type Schema } from '@switchboard/contract/client';
import { ApiError } from '../../lib/api';
import { useWorkspace, useWorkspaceKey } from '../../lib/workspace';

export type ReviewItem = Schema<'ReviewItem'>;
export type ReviewKind = ReviewItem['kind'];

export const KIND_LABELS: Record<ReviewKind, string> = {
  rated_down: 'Rated down',
  handed_off: 'Handed off',
  unanswered: 'Unanswered',
};

function useReviewsClient() {
  const { workspace } = useWorkspace();
  return useMemo(() => createClient({ workspaceId: workspace.id }), [workspace.id]);
}

/** The call's data; its failure as the dashboard's ApiError (what the error helpers read). */
async function call<R extends { data?: unknown; error?: unknown; response: Response }>(pending: Promise<R>) {
  try {
    return await unwrap(pending);
  } catch (error) {
    if (error instanceof ContractError)
      throw new ApiError(error.status, error.code, error.message, error.requestId, error.details);
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
      undefined,
    );
  }
}

export function useReviewQueue(kind: ReviewKind | null) {
  const client = useReviewsClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('reviews', kind ?? 'all'),
    queryFn: async () => (await call(client.GET('/api/v1/reviews', { params: { query: kind ? { kind } : {} } }))).items,
  });
}

/** Correct an item (a Q&A pair) or resolve it; either way it leaves the queue. */
export function useReviewActions() {
  const client = useReviewsClient();
  const key = useWorkspaceKey();
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: key('reviews') });
  const correct = useMutation({
    mutationFn: ({ id, question, answer }: { id: string; question: string; answer: string }) =>
      call(client.POST('/api/v1/reviews/{id}/correct', { params: { path: { id } }, body: { question, answer } })),
    onSuccess: refresh,
  });
  const resolve = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'reviewed' | 'dismissed' }) =>
      call(client.POST('/api/v1/reviews/{id}/resolve', { params: { path: { id } }, body: { status } })),
    onSuccess: refresh,
  });
  return { correct, resolve };
}
