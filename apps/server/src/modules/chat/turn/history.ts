import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/tenancy';
import { messages, type MessageRow } from '../schema';
import type { HistoryMessage } from './types';

/** How many earlier messages a turn reads (the model sees what of them fits its window). */
export const HISTORY_LIMIT = 40;

/** History rows, newest first (as read), to what the model sees and whether the visitor wrote before. */
export async function historyOf(
  tx: Tx,
  conversationId: string,
  rows: Array<{ role: string; content: string }>,
): Promise<{ history: HistoryMessage[]; firstMessage: boolean }> {
  const history = [...rows]
    .reverse()
    .filter((m) => m.role !== 'system')
    .map((m): HistoryMessage => ({ role: m.role === 'user' ? 'user' : 'assistant', content: m.content }));
  // Answered from the same rows when they tell; asked only when 40 messages hold no visitor message.
  const firstMessage = rows.some((m) => m.role === 'user')
    ? false
    : rows.length < HISTORY_LIMIT ||
      !(
        await tx.db
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'user')))
          .limit(1)
      ).length;
  return { history, firstMessage };
}

/** The conversation's last messages with content, newest first. */
export async function readHistory(tx: Tx, conversationId: string) {
  return tx.db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), ne(messages.content, '')))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_LIMIT);
}

/**
 * The messages before `message`, newest first, as its turn read them: what the model sees when
 * that turn is answered again (whatever the conversation said since is not its history).
 */
export async function readHistoryBefore(tx: Tx, message: MessageRow) {
  return tx.db
    .select({ role: messages.role, content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, message.conversationId),
        ne(messages.content, ''),
        // Compared in SQL: a JS Date loses the timestamp's microseconds.
        sql`(${messages.createdAt}, ${messages.id}) < (SELECT b.created_at, b.id FROM messages b WHERE b.id = ${message.id})`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_LIMIT);
}
