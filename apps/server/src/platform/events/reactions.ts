import { z } from 'zod';
import type { JobDefinition } from '../jobs/define';

/** What a reaction job receives: the event as it was emitted, in the emitting transaction. */
export const reactionData = z.object({
  tenantId: z.string().min(1),
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});
export type ReactionData = z.infer<typeof reactionData>;

/**
 * A job to run whenever an event of this type is emitted. The job is enqueued in the same
 * transaction as the event's outbox row: no commit, no job; a commit, exactly one job (its
 * handler still runs at least once). Bus listeners can't promise that: with Redis every
 * process hears every event, and a crash between publish and reaction loses it.
 */
export interface EventReaction {
  event: string;
  job: JobDefinition<ReactionData>;
}

let byType = new Map<string, JobDefinition<ReactionData>[]>();

export function setEventReactions(reactions: readonly EventReaction[]): void {
  const next = new Map<string, JobDefinition<ReactionData>[]>();
  for (const { event, job } of reactions) next.set(event, [...(next.get(event) ?? []), job]);
  byType = next;
}

export function reactionsTo(type: string): readonly JobDefinition<ReactionData>[] {
  return byType.get(type) ?? [];
}
