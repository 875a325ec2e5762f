import { sql } from 'drizzle-orm';
import { ConflictError, UnavailableError } from '../../../platform/errors';
import { rootLogger } from '../../../platform/log';
import { driverRowMapper, withTenant, type ServiceContext } from '../../../platform/tenancy';
import { messages, type ConversationRow, type MessageRow } from '../schema';
import { recordAnswer } from '../../plans';
import { beginTurn } from './begin-turn';
import { finishTurn } from './finish-turn';
import { generateAnswer } from './generate';
import { answerResumable } from './orphans';
import type { BegunTurn, DoneData, TurnEvent, TurnResult } from './types';

const REPLAY_WAIT_MS = 60_000;
/** The `error` event's code when a retry's answer is still being written by another attempt. */
const ANSWER_IN_PROGRESS = 'answer_in_progress';

/** What a route throws for a turn's `error` event when it answers JSON. */
export function turnFailure(data: Extract<TurnEvent, { event: 'error' }>['data']): Error {
  const details = { conversationId: data.conversationId, messageId: data.messageId };
  return data.code === ANSWER_IN_PROGRESS
    ? new ConflictError(data.message, ANSWER_IN_PROGRESS, details)
    : new UnavailableError(data.message, 'model_failed', details);
}

function done(
  conversation: ConversationRow,
  userMessageId: string,
  reply: MessageRow | null,
  extra: Partial<DoneData> = {},
): TurnEvent {
  return {
    event: 'done',
    data: {
      conversationId: conversation.id,
      userMessageId,
      messageId: reply?.id ?? null,
      status: reply ? (reply.status === 'streaming' ? 'interrupted' : reply.status) : 'queued_for_human',
      conversationStatus: conversation.status,
      content: reply?.content ?? '',
      citations: reply?.citations ?? [],
      usage: {
        tokensIn: reply?.tokensIn ?? 0,
        tokensOut: reply?.tokensOut ?? 0,
        costUsd: Number(reply?.costUsd ?? 0),
        unpriced: reply?.unpriced ?? false,
      },
      model: reply?.model ?? null,
      latencyMs: reply?.latencyMs ?? null,
      offerHuman: false,
      ...extra,
    },
  };
}

const messageRows = driverRowMapper(messages);
const ROW_COLUMNS = sql.raw(messageRows.columns.map((name) => `m.${name}`).join(', '));

/** The answer as it is now, and whether it can be answered again (its process died before storing it). */
async function readReply(ctx: ServiceContext, id: string): Promise<{ reply: MessageRow | null; resumable: boolean }> {
  const { rows } = await withTenant(ctx, (tx) =>
    tx.db.execute(
      sql`SELECT ${ROW_COLUMNS}, ${answerResumable()} AS turn_resumable FROM messages m WHERE m.id = ${id}`,
    ),
  );
  const raw = rows[0] as (Record<string, unknown> & { turn_resumable: boolean }) | undefined;
  return raw ? { reply: messageRows.map(raw), resumable: raw.turn_resumable } : { reply: null, resumable: false };
}

/**
 * A retry waits for the first attempt's answer while a live process writes it (never starting
 * a second) and replays it. If that process dies meanwhile, the retry answers instead (begun
 * again: beginTurn takes the slot over, or finds that another retry did). An answer still being
 * written when the wait ends is a conflict: try again later.
 */
async function* replay(
  ctx: ServiceContext,
  conversation: ConversationRow,
  userMessage: MessageRow,
  reply: MessageRow | null,
  signal: AbortSignal,
): AsyncGenerator<TurnEvent> {
  let current = reply;
  let mayResume = true;
  const deadline = Date.now() + REPLAY_WAIT_MS;
  while (current?.status === 'streaming') {
    if (Date.now() >= deadline) {
      yield {
        event: 'error',
        data: {
          code: ANSWER_IN_PROGRESS,
          message: 'This message is still being answered: try again in a moment.',
          conversationId: conversation.id,
          messageId: current.id,
        },
      };
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
    const seen = await readReply(ctx, current.id);
    current = seen.reply;
    if (!seen.resumable) continue;
    // Once: begun again, a turn the bot no longer answers (a person took over) replays as cut off.
    if (!mayResume) break;
    mayResume = false;
    const again = await beginTurn(ctx, conversation.id, {
      content: userMessage.content,
      idempotencyKey: userMessage.idempotencyKey,
    });
    if (again.kind !== 'replay') return yield* playTurn(ctx, again, signal);
    current = again.reply;
  }
  for (const citation of current?.citations ?? []) yield { event: 'citation', data: citation };
  if (current?.content) yield { event: 'token', data: { text: current.content } };
  yield done(conversation, userMessage.id, current ?? null, { replayed: true });
}

/**
 * One turn of a conversation, as events: the visitor's message is committed first; then the
 * answer streams (or a person owns the conversation and it waits for them, or this is a retry
 * and the stored answer is replayed); the answer is stored when it ends, however it ends.
 */
export async function* runTurn(
  ctx: ServiceContext,
  conversationId: string,
  input: { content: string; idempotencyKey?: string | null },
  signal: AbortSignal,
): AsyncGenerator<TurnEvent> {
  yield* playTurn(ctx, await beginTurn(ctx, conversationId, input), signal);
}

/** The rest of a turn once `beginTurn` has committed it (the OpenAI-compatible route begins its own). */
export async function* playTurn(ctx: ServiceContext, turn: BegunTurn, signal: AbortSignal): AsyncGenerator<TurnEvent> {
  if (turn.kind === 'replay') return yield* replay(ctx, turn.conversation, turn.userMessage, turn.reply, signal);
  if (turn.kind === 'human') return yield done(turn.conversation, turn.userMessage.id, null);
  if (turn.kind === 'reply') {
    yield { event: 'token', data: { text: turn.reply.content } };
    return yield done(turn.conversation, turn.userMessage.id, turn.reply);
  }
  if (turn.kind === 'handoff') {
    yield {
      event: 'handoff',
      data: {
        status: 'pending_human',
        reason: turn.reason,
        askContact: turn.askContact,
        opensAt: turn.opensAt,
        ...(turn.notice && { notice: turn.notice.content }),
      },
    };
    if (!turn.notice) return yield done(turn.conversation, turn.userMessage.id, null);
    yield { event: 'token', data: { text: turn.notice.content } };
    return yield done(turn.conversation, turn.userMessage.id, turn.notice);
  }

  const conversationId = turn.conversation.id;
  const startedAt = performance.now();
  const generator = generateAnswer(ctx, turn, signal);
  let step = await generator.next();
  let result: TurnResult;
  try {
    while (!step.done) {
      yield step.value;
      step = await generator.next();
    }
    result = step.value;
  } catch (error) {
    rootLogger().error({ err: error, conversationId }, 'answer failed');
    result = {
      content: '',
      status: 'error',
      citations: [],
      toolCalls: [],
      usage: { tokensIn: 0, tokensOut: 0, costUsd: 0, unpriced: false },
      model: 'none',
      error: 'Something went wrong while answering.',
      firstTokenMs: null,
      handoff: null,
      offerHuman: false,
    };
  }
  const finished = await finishTurn(
    ctx,
    {
      conversationId,
      agentId: turn.conversation.agentId,
      claimId: turn.claim.id,
      startedAt,
      unansweredLimit: turn.unansweredLimit,
      test: turn.conversation.channel === 'playground',
    },
    result,
  );
  // Counted at once against the month's allowance on this process (the playground is not).
  if (turn.conversation.channel !== 'playground') recordAnswer(ctx.tenantId, result.usage.costUsd);
  const stored = finished.message;
  const handedOff = result.handoff ?? finished.handoff;
  const conversation = handedOff ? { ...turn.conversation, status: 'pending_human' as const } : turn.conversation;
  if (result.status === 'error' || (result.status === 'interrupted' && !signal.aborted)) {
    yield {
      event: 'error',
      data: {
        code: 'model_failed',
        message: result.error ?? 'The answer could not be completed.',
        conversationId,
        messageId: stored.id,
      },
    };
    return;
  }
  if (finished.handoff?.changed) {
    const { askContact, opensAt, notice, conversation: after } = finished.handoff;
    yield {
      event: 'handoff',
      data: {
        status: 'pending_human',
        reason: after.handoffReason ?? '',
        askContact,
        opensAt,
        ...(notice && { notice: notice.content }),
      },
    };
  }
  yield done(conversation, turn.userMessage.id, stored, { offerHuman: result.offerHuman && !handedOff });
}
