import { eq, sql } from 'drizzle-orm';
import { ConflictError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import type { Actor, ServiceContext, Tx } from '../../platform/tenancy';
import { conversations, conversationTransitions, type ConversationRow, type ConversationStatus } from './schema';

/** The conversation events that change who answers: each is one transition. */
export type TransitionEvent =
  | 'conversation.handoff_requested'
  | 'conversation.assigned'
  | 'conversation.taken_over'
  | 'conversation.unassigned'
  | 'conversation.released'
  | 'conversation.closed'
  | 'conversation.reopened';

/**
 * The state machine: bot → pending_human → human (assigned) → closed, or back to bot. A
 * person may take over a bot conversation directly; closed conversations reopen to the bot
 * (the visitor writes again), to a person (a member reopens them) or to the queue (the
 * visitor asks for a person again).
 */
const ALLOWED: Record<ConversationStatus, readonly ConversationStatus[]> = {
  bot: ['pending_human', 'human', 'closed'],
  pending_human: ['human', 'bot', 'closed'],
  human: ['human', 'pending_human', 'bot', 'closed'],
  closed: ['bot', 'human', 'pending_human'],
};

export function actorRef(actor: Actor): { type: Actor['type']; id: string | null } {
  switch (actor.type) {
    case 'user':
    case 'platformAdmin':
      return { type: actor.type, id: actor.userId };
    case 'apiKey':
      return { type: actor.type, id: actor.keyId };
    case 'visitor':
      return { type: actor.type, id: actor.visitorId };
    case 'channel':
      return { type: actor.type, id: actor.channel };
    case 'system':
      return { type: actor.type, id: actor.reason };
  }
}

export interface TransitionChange {
  event: TransitionEvent;
  to: ConversationStatus;
  /** The new owner; undefined leaves it as it is, null clears it. */
  assigneeId?: string | null;
  reason?: string | null;
  /** Other columns that change with it (hand-off time, closing time, …). */
  set?: Partial<
    Record<'handoffReason' | 'handoffAt' | 'askContact' | 'unansweredStreak' | 'humanOffered' | 'closedAt', unknown>
  >;
  /** More for the event payload. */
  payload?: Record<string, unknown>;
}

/**
 * Moves a locked conversation to another status (or owner) in the caller's transaction: the
 * row, the transition record (who, why, to whom) and the event commit together.
 */
export async function transitionConversation(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  change: TransitionChange,
): Promise<ConversationRow> {
  if (!ALLOWED[conversation.status].includes(change.to)) {
    throw new ConflictError(
      `A ${conversation.status.replace('_', ' ')} conversation can't be ${describe(change.event)}.`,
      'invalid_transition',
      { from: conversation.status, to: change.to },
    );
  }
  const assigneeId = change.assigneeId === undefined ? conversation.assigneeId : change.assigneeId;
  const assigneeChanged = assigneeId !== conversation.assigneeId;
  const [updated] = await tx.db
    .update(conversations)
    .set({
      ...(change.set as object),
      status: change.to,
      assigneeId,
      ...(assigneeChanged && { assignedAt: assigneeId ? sql`now()` : null }),
      updatedAt: new Date(),
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  const by = actorRef(ctx.actor);
  await tx.db.insert(conversationTransitions).values({
    tenantId: ctx.tenantId,
    id: newId('trn'),
    conversationId: conversation.id,
    event: change.event,
    fromStatus: conversation.status,
    toStatus: change.to,
    assigneeId,
    actorType: by.type,
    actorId: by.id,
    reason: change.reason?.slice(0, 500) ?? null,
  });
  await emit(tx, change.event, {
    conversationId: conversation.id,
    agentId: conversation.agentId,
    from: conversation.status,
    status: change.to,
    assigneeId,
    previousAssigneeId: conversation.assigneeId,
    by,
    ...(change.reason && { reason: change.reason.slice(0, 500) }),
    ...change.payload,
  });
  return updated!;
}

function describe(event: TransitionEvent): string {
  return event.slice('conversation.'.length).replace('_', ' ').replace('handoff requested', 'handed off');
}
