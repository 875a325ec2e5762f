import { eq, sql } from 'drizzle-orm';
import { PROCESS_ID } from '../../../platform/processes';
import { driverRowMapper, type Tx } from '../../../platform/tenancy';
import { handoffSettingsForTurn, isVip, unansweredLimit } from '../../escalation';
import { agentConfigFor } from '../agent-config';
import { messages, type ConversationRow, type MessageRow } from '../schema';
import { historyOf, readHistoryBefore } from './history';
import { answerResumable } from './orphans';
import type { BegunTurn } from './types';

const messageRows = driverRowMapper(messages);
const ROW_COLUMNS = sql.raw(messageRows.columns.map((name) => `m.${name}`).join(', '));

/**
 * The answer slot of `userMessage`, taken over by this process when its answer was never
 * stored and never will be — a crash cut it off (interrupted), or the process writing it is
 * dead — and the bot still answers the conversation. Emptied and claimed again in the turn's
 * locked transaction: of two retries at once, one takes it and the other waits for its answer.
 */
async function takeOver(tx: Tx, userMessage: MessageRow): Promise<MessageRow | null> {
  const { rows } = await tx.db.execute(sql`
    UPDATE messages m SET status = 'streaming', content = '', error = NULL, citations = '[]'::jsonb, tool_calls = '[]'::jsonb, model = NULL,
           tokens_in = 0, tokens_out = 0, cost_usd = 0, unpriced = false, first_token_ms = NULL, answered_by = ${PROCESS_ID}
     WHERE m.reply_to = ${userMessage.id} AND m.role = 'assistant' AND ${answerResumable()}
    RETURNING ${ROW_COLUMNS}`);
  return rows[0] ? messageRows.map(rows[0] as Record<string, unknown>) : null;
}

/**
 * A retry (the same Idempotency-Key) of a turn already begun. The key prevents a second
 * answer, not the first: when the first attempt's answer was cut off before it was stored,
 * the retry answers it, in the same slot, with the history that turn had. Otherwise the stored
 * answer (or the one still being written by a live process) is replayed.
 */
export async function replayOrResume(
  tx: Tx,
  conversation: ConversationRow,
  userMessage: MessageRow,
): Promise<BegunTurn> {
  const claim = conversation.status === 'bot' && userMessage.role === 'user' ? await takeOver(tx, userMessage) : null;
  if (claim) {
    const config = await agentConfigFor(tx, conversation);
    const settings = await handoffSettingsForTurn(tx);
    const { history } = await historyOf(tx, conversation.id, await readHistoryBefore(tx, userMessage));
    return {
      kind: 'answer',
      conversation,
      userMessage,
      claim,
      config,
      history,
      unansweredLimit: unansweredLimit(config.handoff, isVip(settings.vip, conversation.metadata)),
    };
  }
  const [reply] = await tx.db.select().from(messages).where(eq(messages.replyTo, userMessage.id));
  return { kind: 'replay', conversation, userMessage, reply: reply ?? null };
}
