import type { AgentConfig } from '../../agents';
import { newId } from '../../../platform/ids';
import type { ServiceContext } from '../../../platform/tenancy';
import type { ConversationRow, MessageRow } from '../schema';
import { generateAnswer } from './generate';
import type { BegunTurn, TurnResult } from './types';

/**
 * An answer to one question by a given configuration, as a test: the same retrieval, curated
 * answers and model as a visitor's turn, but no conversation, message, usage, unanswered
 * question, hand-off or lead is stored (evaluations run these; nothing reaches the inbox).
 */
export async function testAnswer(
  ctx: ServiceContext,
  input: { agentId: string; config: AgentConfig; question: string; signal?: AbortSignal },
): Promise<TurnResult> {
  const now = new Date();
  const conversation = {
    tenantId: ctx.tenantId,
    id: newId('conv'),
    agentId: input.agentId,
    agentVersion: 0,
    channel: 'evaluation',
    visitorId: null,
    status: 'bot',
    metadata: {},
  } as unknown as ConversationRow;
  const userMessage = {
    tenantId: ctx.tenantId,
    id: newId('msg'),
    conversationId: conversation.id,
    role: 'user',
    content: input.question,
    createdAt: now,
  } as unknown as MessageRow;
  // Tools that act on a conversation (hand-off, lead capture) have none to act on.
  const config: AgentConfig = { ...input.config, tools: { ...input.config.tools, handoff: false, captureLead: false } };
  const turn: Extract<BegunTurn, { kind: 'answer' }> = {
    kind: 'answer',
    conversation,
    userMessage,
    claim: userMessage,
    config,
    history: [],
    unansweredLimit: 0,
    test: true,
  };
  const answer = generateAnswer(ctx, turn, input.signal ?? new AbortController().signal);
  for (;;) {
    const step = await answer.next();
    if (step.done) return step.value;
  }
}
