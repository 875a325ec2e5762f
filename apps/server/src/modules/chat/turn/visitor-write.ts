import { sql } from 'drizzle-orm';
import { eventRow } from '../../../platform/events';
import { newId } from '../../../platform/ids';
import { PROCESS_ID } from '../../../platform/processes';
import {
  preparedCall,
  type PreparedCall,
  type ServiceContext,
  type StatementResult,
  type Tx,
} from '../../../platform/tenancy';
import type { ConversationRow, MessageRow } from '../schema';

/**
 * Writing the visitor's message of a turn: the message, the conversation's counters, its event
 * and, when the bot answers, the empty answer that claims the reply slot, in one statement.
 */

/** A message row as the database stores a new one (column defaults), for rows written by raw SQL. */
function newMessageRow(
  fields: Pick<MessageRow, 'tenantId' | 'id' | 'conversationId' | 'role' | 'content' | 'createdAt'> &
    Partial<MessageRow>,
): MessageRow {
  return {
    status: 'complete',
    citations: [],
    toolCalls: [],
    model: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    unpriced: false,
    latencyMs: null,
    firstTokenMs: null,
    error: null,
    idempotencyKey: null,
    replyTo: null,
    authorId: null,
    answeredBy: null,
    ...fields,
  };
}

interface VisitorWrite {
  /** The statement; a fixed text (one prepared statement), whatever the values. */
  call: PreparedCall;
  /** Its event's follow-up (reaction jobs, the drainer's wake-up), due in the same transaction. */
  recorded(): Promise<void>;
  rows(result: StatementResult): { userMessage: MessageRow; claim: MessageRow | null };
}

/**
 * The visitor's message, the conversation's counters, its event and — when the bot answers —
 * the empty answer that claims the reply slot, in one statement (see storeVisitorMessage).
 */
export function visitorWrite(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  content: string,
  key: string | null,
  answer: boolean,
): VisitorWrite {
  const conversationId = conversation.id;
  const userId = newId('msg');
  const claimId = answer ? newId('msg') : null;
  const event = eventRow(tx, 'message.created', {
    conversationId,
    messageId: userId,
    role: 'user',
    conversationStatus: conversation.status,
  });
  const call = preparedCall(
    'turn_store',
    sql`
    WITH visitor AS (
           INSERT INTO messages (tenant_id, id, conversation_id, role, content, idempotency_key)
           VALUES (${ctx.tenantId}, ${userId}, ${conversationId}, 'user', ${content}, ${key}) RETURNING created_at),
         counted AS (
           UPDATE conversations SET message_count = message_count + 1, last_message_at = now(), updated_at = now(), title = coalesce(title, ${content.slice(0, 120)})
            WHERE tenant_id = ${ctx.tenantId} AND id = ${conversationId}),
         event AS (${event.row}),
         claim AS (
           INSERT INTO messages (tenant_id, id, conversation_id, role, content, status, reply_to, answered_by)
           SELECT ${ctx.tenantId}, ${claimId}::text, ${conversationId}, 'assistant', '', 'streaming', ${userId}, ${PROCESS_ID} WHERE ${claimId}::text IS NOT NULL
           RETURNING created_at)
    SELECT (SELECT created_at FROM visitor) AS visitor_at, (SELECT created_at FROM claim) AS claim_at`,
  );
  const base = { tenantId: ctx.tenantId, conversationId };
  return {
    call,
    recorded: () => event.recorded(),
    rows(result) {
      const stored = result.rows[0] as { visitor_at: string | Date; claim_at: string | Date | null };
      return {
        userMessage: newMessageRow({
          ...base,
          id: userId,
          role: 'user',
          content,
          idempotencyKey: key,
          createdAt: new Date(stored.visitor_at),
        }),
        claim: claimId
          ? newMessageRow({
              ...base,
              id: claimId,
              role: 'assistant',
              content: '',
              status: 'streaming',
              replyTo: userId,
              answeredBy: PROCESS_ID,
              createdAt: new Date(stored.claim_at!),
            })
          : null,
      };
    },
  };
}

/** visitorWrite, run now (more statements follow in the transaction). */
export async function storeVisitorMessage(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  content: string,
  key: string | null,
  answer: boolean,
) {
  const write = visitorWrite(tx, ctx, conversation, content, key, answer);
  const result = await tx.prepared(write.call.name, write.call.text, write.call.values);
  await write.recorded();
  return write.rows(result);
}
