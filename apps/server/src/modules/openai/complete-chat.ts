import { NotFoundError, ValidationError } from '../../platform/errors';
import { isId } from '../../platform/ids';
import type { ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { assertAgentVisible } from '../agents';
import { beginSeededTurn, beginTurn, getConversation, type BegunTurn } from '../chat';
import { splitConversation, type ChatCompletionRequest } from './wire';

export interface CompletionOptions {
  /** `X-Conversation-Id`: continue that conversation (its stored history) instead of starting one. */
  conversationId: string | null;
  idempotencyKey: string | null;
}

/**
 * Commits the question of an OpenAI-style call, before any model call, and returns the turn
 * to play. OpenAI's API is stateless, so by default each call is a new conversation (channel
 * `openai`) holding the prior messages it was sent, then the question; with
 * `X-Conversation-Id` the call continues a stored conversation and the prior messages it
 * carries are ignored (the stored ones are the history).
 */
export async function beginCompletion(
  ctx: ServiceContext,
  request: ChatCompletionRequest,
  options: CompletionOptions,
): Promise<BegunTurn> {
  assertCan(ctx, 'conversations.reply');
  // The model is an agent: anything else, or an agent the key may not use, is a model that does not exist.
  if (!isId('agt', request.model)) throw new NotFoundError('Agent');
  assertAgentVisible(ctx, request.model);
  const { question, history } = splitConversation(request);
  if (options.conversationId) {
    const conversation = await getConversation(ctx, options.conversationId);
    if (conversation.agentId !== request.model) {
      throw new ValidationError(
        'This conversation belongs to another agent.',
        [{ path: 'X-Conversation-Id', message: `Its agent is ${conversation.agentId}` }],
        'conversation_agent_mismatch',
      );
    }
    return beginTurn(ctx, conversation.id, { content: question, idempotencyKey: options.idempotencyKey });
  }
  return beginSeededTurn(ctx, {
    agentId: request.model,
    channel: 'openai',
    visitorId: request.user ?? null,
    history,
    content: question,
    idempotencyKey: options.idempotencyKey,
  });
}
