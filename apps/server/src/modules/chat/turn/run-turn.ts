import { eq } from 'drizzle-orm';
import { rootLogger } from '../../../platform/log';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { messages, type ConversationRow, type MessageRow } from '../schema';
import { beginTurn } from './begin-turn';
import { finishTurn } from './finish-turn';
import { generateAnswer } from './generate';
import { markStaleAnswers } from './stale-answers';
import type { BegunTurn, DoneData, TurnEvent, TurnResult } from './types';

const REPLAY_WAIT_MS = 60_000;

function done(conversation: ConversationRow, userMessageId: string, reply: MessageRow | null, extra: Partial<DoneData> = {}): TurnEvent {
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
      usage: { tokensIn: reply?.tokensIn ?? 0, tokensOut: reply?.tokensOut ?? 0, costUsd: Number(reply?.costUsd ?? 0), unpriced: reply?.unpriced ?? false },
      model: reply?.model ?? null,
      latencyMs: reply?.latencyMs ?? null,
      offerHuman: false,
      ...extra,
    },
  };
}

/** A retry waits for the first attempt's answer (never starting a second) and replays it. */
async function* replay(ctx: ServiceContext, conversation: ConversationRow, userMessage: MessageRow, reply: MessageRow | null): AsyncGenerator<TurnEvent> {
  let current = reply;
  const deadline = Date.now() + REPLAY_WAIT_MS;
  while (current?.status === 'streaming' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    await withTenant(ctx, (tx) => markStaleAnswers(tx, conversation.id));
    const id = current.id;
    current = (await withTenant(ctx, (tx) => tx.db.select().from(messages).where(eq(messages.id, id))))[0] ?? null;
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
  if (turn.kind === 'replay') return yield* replay(ctx, turn.conversation, turn.userMessage, turn.reply);
  if (turn.kind === 'human') return yield done(turn.conversation, turn.userMessage.id, null);
  if (turn.kind === 'handoff') {
    yield { event: 'handoff', data: { status: 'pending_human', reason: turn.reason, askContact: turn.askContact, opensAt: turn.opensAt, notice: turn.notice.content } };
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
  const finished = await finishTurn(ctx, { conversationId, agentId: turn.conversation.agentId, claimId: turn.claim.id, startedAt, unansweredLimit: turn.unansweredLimit }, result);
  const stored = finished.message;
  const handedOff = result.handoff ?? finished.handoff;
  const conversation = handedOff ? { ...turn.conversation, status: 'pending_human' as const } : turn.conversation;
  if (result.status === 'error' || (result.status === 'interrupted' && !signal.aborted)) {
    yield { event: 'error', data: { code: 'model_failed', message: result.error ?? 'The answer could not be completed.', conversationId, messageId: stored.id } };
    return;
  }
  if (finished.handoff?.changed) {
    const { askContact, opensAt, notice, conversation: after } = finished.handoff;
    yield { event: 'handoff', data: { status: 'pending_human', reason: after.handoffReason ?? '', askContact, opensAt, ...(notice && { notice: notice.content }) } };
  }
  yield done(conversation, turn.userMessage.id, stored, { offerHuman: result.offerHuman && !handedOff });
}
