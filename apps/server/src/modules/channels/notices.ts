import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { EventReaction, InTransactionReaction } from '../../platform/events';
import { newId } from '../../platform/ids';
import { defineJob, enqueue } from '../../platform/jobs';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { peopleByIds, personView } from '../chat';
import { sendJob } from './outbound';
import { channelConnections, channelOutbound, channelThreads } from './schema';
import { WHATSAPP_WINDOW_MS } from './settings';

/**
 * What the widget shows as status lines ("Ana joined", "closed — how did we do?") a channel
 * customer has no widget for: they get them as plain messages. The notice is queued by a job
 * the transition enqueues in its own transaction (the person's name is read outside it, from
 * the platform's users); the job's key is fixed then, so a job run twice sends it once.
 */
export const NOTICE_KINDS = ['joined', 'closed', 'released', 'rated'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const RATING_PROMPT = 'How would you rate this conversation? Reply with a number from 1 (poor) to 5 (great).';

export function noticeText(kind: NoticeKind, personName: string | null): string {
  switch (kind) {
    case 'joined':
      return `${personName ?? 'Someone from the team'} joined the conversation.`;
    case 'released':
      return 'You are talking to the assistant again.';
    case 'closed':
      return `This conversation is closed. ${RATING_PROMPT}`;
    case 'rated':
      return 'Thank you for your rating!';
  }
}

const noticeData = z.object({
  tenantId: z.string(),
  conversationId: z.string(),
  key: z.string(),
  kind: z.enum(NOTICE_KINDS),
  personId: z.string().nullable(),
});

export const noticeJob = defineJob({
  name: 'channels.notice',
  data: noticeData,
  retryLimit: 5,
  expireInSeconds: 60,
  handler: (data) => queueNotice(data),
});

async function queueNotice(data: z.infer<typeof noticeData>): Promise<void> {
  const person = data.personId ? (await peopleByIds([data.personId])).get(data.personId) : undefined;
  const text = noticeText(data.kind, person ? personView(person).name : null);
  await withTenant(systemContext(data.tenantId, 'channels.notice'), async (tx) => {
    const [found] = await tx.db
      .select({ thread: channelThreads, type: channelConnections.type })
      .from(channelThreads)
      .innerJoin(channelConnections, eq(channelConnections.id, channelThreads.connectionId))
      .where(eq(channelThreads.conversationId, data.conversationId));
    if (!found) return;
    const { thread } = found;
    // Past WhatsApp's 24-hour window only a template is delivered: a plain notice would only fail.
    if (found.type === 'whatsapp' && Date.now() - thread.lastInboundAt.getTime() > WHATSAPP_WINDOW_MS) return;
    const [row] = await tx.db
      .insert(channelOutbound)
      .values({
        tenantId: data.tenantId,
        id: newId('cho'),
        connectionId: thread.connectionId,
        threadKey: thread.threadKey,
        // Not a message of the transcript: the notice's own key keeps it to one queue row.
        messageId: data.key,
        text,
      })
      .onConflictDoNothing()
      .returning({ id: channelOutbound.id });
    if (row) await enqueue(tx, sendJob, { tenantId: data.tenantId, outboundId: row.id });
  });
}

/** Queues a notice for a channel conversation in the caller's transaction (nothing for others). */
export async function queueNoticeInTx(
  tx: Tx,
  tenantId: string,
  conversationId: string,
  kind: NoticeKind,
  personId: string | null = null,
): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM channel_threads WHERE conversation_id = $1 LIMIT 1', [conversationId]);
  if (!rows.length) return;
  await enqueue(tx, noticeJob, { tenantId, conversationId, key: newId('cho'), kind, personId });
}

const onTransition: InTransactionReaction = async (tx, { tenantId, type, payload }) => {
  const { conversationId, assigneeId, previousAssigneeId, status } = payload as Record<string, unknown>;
  if (typeof conversationId !== 'string') return;
  let kind: NoticeKind | null = null;
  if (type === 'conversation.closed') kind = 'closed';
  else if (type === 'conversation.released' && status === 'bot') kind = 'released';
  else if (typeof assigneeId === 'string' && assigneeId !== previousAssigneeId && status === 'human') kind = 'joined';
  if (!kind) return;
  await tx.query('SAVEPOINT channels_notice');
  try {
    await queueNoticeInTx(tx, tenantId, conversationId, kind, typeof assigneeId === 'string' ? assigneeId : null);
    await tx.query('RELEASE SAVEPOINT channels_notice');
  } catch {
    // A channel notice is a courtesy: it never undoes the transition.
    await tx.query('ROLLBACK TO SAVEPOINT channels_notice');
  }
};

export const noticeReactions: EventReaction[] = [
  'conversation.assigned',
  'conversation.taken_over',
  'conversation.released',
  'conversation.closed',
].map((event) => ({ event, inTransaction: onTransition }));
