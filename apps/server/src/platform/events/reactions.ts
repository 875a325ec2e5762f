import { z } from 'zod';
import type { JobDefinition } from '../jobs/define';
import type { Tx } from '../tenancy/transaction';

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
export type EventReaction =
  | { event: string; job: JobDefinition<ReactionData>; inTransaction?: never }
  /**
   * Work done inside the emitting transaction itself, for a reaction that is only a few rows
   * of its own (a job per event costs a queue insert, a fetch and a completion each). It
   * commits or rolls back with the event, so it is never lost and never runs twice; it must
   * not call the network, and must not fail the caller's change (catch inside a savepoint).
   */
  | { event: string; inTransaction: InTransactionReaction; job?: never };

export type InTransactionReaction = (tx: Tx, event: ReactionData) => Promise<void>;

let byType = new Map<string, EventReaction[]>();

export function setEventReactions(reactions: readonly EventReaction[]): void {
  const next = new Map<string, EventReaction[]>();
  for (const reaction of reactions) next.set(reaction.event, [...(next.get(reaction.event) ?? []), reaction]);
  byType = next;
}

export function reactionsTo(type: string): readonly EventReaction[] {
  return byType.get(type) ?? [];
}
