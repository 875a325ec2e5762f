import type { AgentConfig } from '../../agents';
import type { ServiceContext, Tx } from '../../../platform/tenancy';
import { conversationLanguage } from '../agent-config';
import { handOff, writeNotice } from '../handoff';
import type { ConversationRow, MessageRow } from '../schema';
import { phrase, type Phrase } from './phrases';
import { consent, smallTalk } from './small-talk';

/** What the engine answers without retrieval: a short reply, or the hand-off the visitor accepted. */
export type CannedDecision = { kind: 'reply'; phrase: Phrase } | { kind: 'accept' } | null;

/**
 * A "yes" or "no" to the bot's own offer of a person acts on it; small talk gets its reply
 * when no model answers. Anything else is a question for the knowledge (null).
 */
export function cannedDecision(conversation: ConversationRow, config: AgentConfig, content: string): CannedDecision {
  if (conversation.humanOffered) {
    const answer = consent(content);
    if (answer === 'yes') return { kind: 'accept' };
    if (answer === 'no') return { kind: 'reply', phrase: 'declined' };
  }
  // A model answers small talk in its own words (and it never counts as unanswered: generate.ts).
  if (config.model && config.answerMode !== 'extractive') return null;
  const talk = smallTalk(content);
  return talk ? { kind: 'reply', phrase: talk } : null;
}

/** The reply in the conversation's language, in the turn's reply slot (a retry replays it). */
export async function writeCannedReply(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  config: AgentConfig,
  key: Phrase,
  replyTo: string,
): Promise<MessageRow> {
  return writeNotice(
    tx,
    ctx,
    conversation.id,
    phrase(conversationLanguage(config, conversation), key),
    replyTo,
    'small-talk',
  );
}

/** The visitor said yes to the offer: a person takes over, as if they had pressed the button. */
export async function acceptOffer(tx: Tx, ctx: ServiceContext, conversation: ConversationRow, replyTo: string) {
  return handOff(tx, ctx, conversation, 'The visitor accepted the offer of a person.', { replyTo, source: 'visitor' });
}
