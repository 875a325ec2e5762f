import { and, eq } from 'drizzle-orm';
import { idempotencyKey, messageInput } from '@switchboard/contract/chat';
import { NotFoundError } from '../../../platform/errors';
import {
  driverRowMapper,
  withTenant,
  type PreparedCall,
  type ServiceContext,
  type StatementResult,
  type Tx,
} from '../../../platform/tenancy';
import { escalationFor, handoffSettingsForTurn, isVip, unansweredLimit } from '../../escalation';
import { fullTextRetrieval, retrievalStaysLocal } from '../../knowledge';
import { chatAllowance, UNLIMITED } from '../../plans';
import { agentConfigFor, conversationLanguage } from '../agent-config';
import { assertConversationAccess } from '../conversations';
import { acceptOffer, cannedDecision, writeCannedReply } from './canned-turn';
import { handOff } from '../handoff';
import { transitionConversation } from '../transition';
import { conversations, messages, type MessageRow } from '../schema';
import { HISTORY_LIMIT, historyOf, readHistory } from './history';
import { replayOrResume } from './resume-turn';
import { retrievalFor } from './retrieval';
import { storeVisitorMessage, visitorWrite } from './visitor-write';
import type { BegunTurn } from './types';

export { idempotencyKey, messageInput };

async function earlierAttempt(tx: Tx, conversationId: string, key: string): Promise<MessageRow | undefined> {
  const [earlier] = await tx.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.idempotencyKey, key)));
  return earlier;
}

/** The lock's raw row in Drizzle's shape (see driverRowMapper). */
const conversationRows = driverRowMapper(conversations);

const lockSql = (withKey: boolean) => `
  SELECT ${conversationRows.columns.map((name) => `c.${name}`).join(', ')},
         (SELECT coalesce(json_agg(json_build_array(h.role, h.content) ORDER BY h.created_at DESC, h.id DESC), '[]'::json) FROM (
            SELECT m.role, m.content, m.created_at, m.id FROM messages m
             WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.content <> ''
             ORDER BY m.created_at DESC, m.id DESC LIMIT ${HISTORY_LIMIT}) h) AS turn_history,
         ${withKey ? `(SELECT m.id FROM messages m WHERE m.tenant_id = c.tenant_id AND m.conversation_id = c.id AND m.idempotency_key = $2)` : 'NULL::text'} AS turn_earlier_id,
         c.xmin::text = (SELECT seen.xmin::text FROM conversations seen WHERE seen.tenant_id = c.tenant_id AND seen.id = c.id) AS turn_fresh
    FROM conversations c
   WHERE c.id = $1
     FOR UPDATE OF c`;
const LOCK_SQL = { plain: lockSql(false), withKey: lockSql(true) };

/**
 * The locking read of a turn: the conversation with what the turn needs to know of it — its
 * last 40 messages and the message an Idempotency-Key already stored — in one statement, sent
 * with BEGIN (one round trip for both; see withTenant's `first`).
 */
export function turnLock(conversationId: string, key: string | null): PreparedCall {
  return key
    ? { name: 'turn_lock_key', text: LOCK_SQL.withKey, values: [conversationId, key] }
    : { name: 'turn_lock', text: LOCK_SQL.plain, values: [conversationId] };
}

/**
 * What the locking read found. Its subqueries read the statement's snapshot, taken before the
 * lock was granted: if another turn of this conversation committed in between (the row version
 * we locked is not the one the snapshot sees; every turn updates the row), they are read again,
 * now under the lock.
 */
async function lockedForTurn(
  tx: Tx,
  ctx: ServiceContext,
  conversationId: string,
  key: string | null,
  read: StatementResult | null,
) {
  const raw = read?.rows[0] as
    | (Record<string, unknown> & { turn_history: unknown; turn_earlier_id: string | null; turn_fresh: boolean })
    | undefined;
  if (!raw) throw new NotFoundError('Conversation', 'not_found', { table: 'conversations', id: conversationId });
  const conversation = conversationRows.map(raw);
  assertConversationAccess(ctx, conversation, true);
  if (!raw.turn_fresh) {
    const rows = await readHistory(tx, conversationId);
    return { conversation, rows, earlier: key ? await earlierAttempt(tx, conversationId, key) : undefined };
  }
  const pairs = (typeof raw.turn_history === 'string' ? JSON.parse(raw.turn_history) : raw.turn_history) as Array<
    [string, string]
  >;
  const rows = pairs.map(([role, content]) => ({ role, content }));
  return {
    conversation,
    rows,
    earlier: raw.turn_earlier_id ? await earlierAttempt(tx, conversationId, key!) : undefined,
  };
}

/**
 * Starts a turn in one short transaction, committed before any model call: the visitor's
 * message is stored, and an empty answer row claims the reply slot (unique per message), so a
 * retry with the same Idempotency-Key — or a crash — can never cause a second answer. A retry
 * whose answer a crash cut off answers it, in that slot (resume-turn).
 * Every round trip here is waited for before the model is called, so the statements travel
 * batched: the locking read goes out with BEGIN, the writing statement (and retrieval's, when
 * it stays local: see retrievalStaysLocal) with COMMIT.
 */
export async function beginTurn(
  ctx: ServiceContext,
  conversationId: string,
  input: { content: string; idempotencyKey?: string | null },
): Promise<BegunTurn> {
  const { content } = messageInput.parse(input);
  const key = input.idempotencyKey ? idempotencyKey.parse(input.idempotencyKey) : null;
  // The plan's monthly allowance and spend cap, from this process's cache (no query when warm).
  const allowance = ctx.actor.type === 'system' ? UNLIMITED : await chatAllowance(ctx.tenantId);
  return withTenant(
    ctx,
    async (tx, read) => {
      const locked = await lockedForTurn(tx, ctx, conversationId, key, read);
      let conversation = locked.conversation;
      if (locked.earlier) return replayOrResume(tx, conversation, locked.earlier);
      if (conversation.status === 'closed') {
        conversation = await transitionConversation(tx, ctx, conversation, {
          event: 'conversation.reopened',
          to: 'bot',
          assigneeId: null,
          reason: 'The visitor wrote again.',
        });
      }
      const { history, firstMessage } = await historyOf(tx, conversationId, locked.rows);

      // A person owns it: the bot is silent. Waiting for one: the bot keeps answering when the
      // workspace says so (the default), until a person joins; the hand-off rules have had their say.
      const settings = conversation.status === 'human' ? null : await handoffSettingsForTurn(tx);
      const waiting = conversation.status === 'pending_human';
      if (!settings || (waiting && !settings.waiting.botKeepsAnswering)) {
        const { userMessage } = await storeVisitorMessage(tx, ctx, conversation, content, key, false);
        return { kind: 'human', conversation, userMessage };
      }
      const config = await agentConfigFor(tx, conversation);
      // The workspace's and the agent's hand-off rules, before any answer: a match means a
      // person answers this message, and the bot only says so (in the reply slot).
      const vip = isVip(settings.vip, conversation.metadata);
      const escalation = waiting
        ? null
        : escalationFor({ text: content, rules: config.handoff, vip, vipHandoff: settings.vip.handoff, firstMessage });
      // A greeting, thanks or "ok" gets a short reply (never counted as unanswered); a "yes" or
      // "no" to the bot's offer of a person acts on it.
      const canned = escalation || waiting ? null : cannedDecision(conversation, config, content);
      if (canned?.kind === 'reply') {
        const { userMessage } = await storeVisitorMessage(tx, ctx, conversation, content, key, false);
        const reply = await writeCannedReply(tx, ctx, conversation, config, canned.phrase, userMessage.id);
        return { kind: 'reply', conversation: { ...conversation, humanOffered: false }, userMessage, reply };
      }
      if (canned?.kind === 'accept') {
        const { userMessage } = await storeVisitorMessage(tx, ctx, conversation, content, key, false);
        const handoff = await acceptOffer(tx, ctx, conversation, userMessage.id);
        return {
          kind: 'handoff',
          conversation: handoff.conversation,
          userMessage,
          notice: handoff.notice,
          reason: handoff.conversation.handoffReason ?? '',
          askContact: handoff.askContact,
          opensAt: handoff.opensAt,
        };
      }
      if (escalation) {
        const { userMessage } = await storeVisitorMessage(tx, ctx, conversation, content, key, false);
        const handoff = await handOff(tx, ctx, conversation, escalation.reason, {
          replyTo: userMessage.id,
          source: `rule:${escalation.rule}`,
        });
        return {
          kind: 'handoff',
          conversation: handoff.conversation,
          userMessage,
          notice: handoff.notice,
          reason: escalation.reason,
          askContact: handoff.askContact,
          opensAt: handoff.opensAt,
        };
      }
      // The month's messages are used up and the workspace chose the notice: it says so politely
      // and offers a person (a "yes" hands the conversation over).
      if (allowance.refuse && conversation.channel !== 'playground') {
        const { userMessage } = await storeVisitorMessage(tx, ctx, conversation, content, key, false);
        const reply = await writeCannedReply(tx, ctx, conversation, config, 'allowance', userMessage.id);
        await tx.db
          .update(conversations)
          .set({ humanOffered: true })
          .where(and(eq(conversations.tenantId, ctx.tenantId), eq(conversations.id, conversation.id)));
        return { kind: 'reply', conversation: { ...conversation, humanOffered: true }, userMessage, reply };
      }
      // The bot answers: the write is the transaction's last statement but for retrieval, when that
      // stays local; both go out with the COMMIT (one round trip).
      const write = visitorWrite(tx, ctx, conversation, content, key, true);
      const retrieval = retrievalStaysLocal()
        ? fullTextRetrieval(tx, retrievalFor(config, content, conversationLanguage(config, conversation)))
        : null;
      await write.recorded();
      const [stored, found] = await tx.batchWithCommit(retrieval?.call ? [write.call, retrieval.call] : [write.call]);
      const { userMessage, claim } = write.rows(stored!);
      return {
        kind: 'answer',
        conversation,
        userMessage,
        claim: claim!,
        config,
        history,
        ...(retrieval && { passages: found ? retrieval.passages(found) : [] }),
        unansweredLimit: unansweredLimit(config.handoff, vip),
        ...(!allowance.modelAllowed && { modelAllowed: false }),
      };
    },
    turnLock(conversationId, key),
  );
}
