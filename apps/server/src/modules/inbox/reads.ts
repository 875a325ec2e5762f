import { sql } from 'drizzle-orm';
import { markReadInput } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { lockConversation } from '../chat';
import { actingMember } from './common';

/**
 * Moves the member's read marker to a message of the conversation (the latest by default),
 * never backwards. The time is copied in SQL, so it keeps its microseconds and "unread"
 * compares exactly. Emits `inbox.read` so the member's other tabs update their counts.
 */
export async function markReadInTx(
  tx: Tx,
  ctx: ServiceContext,
  conversationId: string,
  messageId?: string,
): Promise<void> {
  const me = actingMember(ctx);
  const at = messageId
    ? sql`(SELECT created_at FROM messages WHERE id = ${messageId} AND conversation_id = ${conversationId})`
    : sql`(SELECT max(created_at) FROM messages WHERE conversation_id = ${conversationId})`;
  const { rows } = await tx.db.execute<{ read_at: string }>(sql`
    INSERT INTO inbox_reads (tenant_id, user_id, conversation_id, read_at)
    SELECT ${ctx.tenantId}, ${me}, ${conversationId}, t.at FROM (SELECT ${at} AS at) t WHERE t.at IS NOT NULL
    ON CONFLICT (tenant_id, user_id, conversation_id) DO UPDATE SET read_at = GREATEST(inbox_reads.read_at, EXCLUDED.read_at)
    RETURNING read_at`);
  if (rows.length) await emit(tx, 'inbox.read', { conversationId, userId: me });
}

export async function markRead(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof markReadInput> = {},
): Promise<void> {
  assertCan(ctx, 'conversations.read');
  const { messageId } = markReadInput.parse(input);
  await withTenant(ctx, async (tx) => {
    await lockConversation(tx, ctx, conversationId, false);
    await markReadInTx(tx, ctx, conversationId, messageId);
  });
}
