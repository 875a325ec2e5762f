import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emit } from '../../platform/events';
import { defineJob, enqueue } from '../../platform/jobs';
import { systemContext, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { agentConfigFor, conversationLanguage, conversations, writeNotice, type ConversationRow } from '../chat';
import { readHandoffSettings, waitingNotice, type HandoffSettings, type WaitingCause } from '../escalation';
import { leads } from '../leads';
import { memberships } from '../tenants';
import { inReplyRoles, lockPending } from './assign';
import { isOnline } from './common';
import { inboxAgents } from './schema';

/** Whether anyone who could take the conversation is in the inbox now (online, on duty, may reply). */
export async function anyoneOnline(tx: Tx): Promise<boolean> {
  const [row] = await tx.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(inboxAgents, eq(inboxAgents.userId, memberships.userId))
    .where(and(inReplyRoles, isOnline, sql`${inboxAgents.onDuty}`))
    .limit(1);
  return Boolean(row);
}

/**
 * Tells a visitor still waiting for a person that nobody can answer now, once per hand-off:
 * the honest notice, the contact form (the one business hours use: `askContact` on the
 * conversation, which its status carries to the widget) and, when the workspace has it on,
 * that the bot keeps answering. A visitor already asked for contact details (outside business
 * hours) was told already: only the hand-off is marked; one who left them is not asked again.
 */
export async function tellNobodyCanAnswer(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  cause: WaitingCause,
  settings: HandoffSettings,
): Promise<boolean> {
  if (conversation.status !== 'pending_human' || conversation.assigneeId) return false;
  if (conversation.waitingToldAt && conversation.handoffAt && conversation.waitingToldAt >= conversation.handoffAt)
    return false;
  const alreadyAsked = conversation.askContact;
  // A visitor who left contact details on this conversation already is not asked again.
  const [lead] = await tx.db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.conversationId, conversation.id), or(isNotNull(leads.email), isNotNull(leads.phone))))
    .limit(1);
  const askContact = settings.waiting.askContact && !lead;
  const { botKeepsAnswering } = settings.waiting;
  await tx.db
    .update(conversations)
    .set({
      waitingToldAt: sql`greatest(now(), ${conversations.handoffAt})`,
      askContact: alreadyAsked || askContact,
      updatedAt: new Date(),
    })
    .where(eq(conversations.id, conversation.id));
  if (alreadyAsked) return false;
  const language = conversationLanguage(await agentConfigFor(tx, conversation), conversation);
  await writeNotice(tx, ctx, conversation.id, waitingNotice(cause, language, { askContact, botKeepsAnswering }), null);
  // A conversation event: the visitor's stream sends the status again, with askContact.
  await emit(tx, 'conversation.waiting_notice', { conversationId: conversation.id, cause, askContact });
  return true;
}

/** The wait for a person is over: if this hand-off is still waiting for someone, the visitor is told. */
export async function handoffWaitExpired(
  tenantId: string,
  conversationId: string,
  handoffAt: string,
): Promise<boolean> {
  const ctx = systemContext(tenantId, 'inbox.waiting');
  return withTenant(ctx, async (tx) => {
    const row = await lockPending(tx, conversationId);
    // Another hand-off since (released and asked again) has its own wait.
    if (!row || row.conversation.handoffAt?.toISOString() !== new Date(handoffAt).toISOString()) return false;
    return tellNobodyCanAnswer(tx, ctx, row.conversation, 'nobody_took_it', await readHandoffSettings(tx));
  });
}

/** A durable timer: a job due when the hand-off's wait ends (it survives restarts, and runs on any server). */
export const handoffWaitJob = defineJob({
  name: 'inbox.handoff-wait',
  data: z.object({ tenantId: z.string().min(1), conversationId: z.string().min(1), handoffAt: z.string().min(1) }),
  async handler({ tenantId, conversationId, handoffAt }) {
    await handoffWaitExpired(tenantId, conversationId, handoffAt);
  },
});

/**
 * A hand-off nobody was assigned: with nobody online the visitor is told at once; otherwise the
 * wait starts (counted from the hand-off), and whoever takes it meanwhile makes the timer moot.
 */
export async function startWaiting(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  settings: HandoffSettings,
): Promise<void> {
  if (!(await anyoneOnline(tx))) {
    await tellNobodyCanAnswer(tx, ctx, conversation, 'nobody_online', settings);
    return;
  }
  const handoffAt = conversation.handoffAt ?? new Date();
  const elapsed = Math.floor((Date.now() - handoffAt.getTime()) / 1000);
  await enqueue(
    tx,
    handoffWaitJob,
    { tenantId: ctx.tenantId, conversationId: conversation.id, handoffAt: handoffAt.toISOString() },
    {
      startAfterSeconds: Math.max(1, settings.waiting.waitSeconds - elapsed),
      singletonKey: `${conversation.id}:${handoffAt.toISOString()}`,
    },
  );
}
