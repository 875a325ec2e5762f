import { eq, sql } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { handoffNotice, readHandoffSettings } from '../escalation';
import { agentConfigFor, conversationLanguage } from './agent-config';
import { lockConversation } from './conversations';
import { conversations, messages, type ConversationRow, type MessageRow } from './schema';
import { transitionConversation } from './transition';

export interface HandoffOptions {
  /**
   * Tell the visitor in a message. The model's hand-off tool says it itself, so it passes
   * false; outside business hours the visitor is always told when to expect an answer.
   */
  announce?: boolean;
  /** The visitor message the notice answers (a turn's reply slot, so a retried turn replays it). */
  replyTo?: string | null;
  /** What asked: `visitor`, `api`, `tool`, `rule:keyword`, … (in the event and the record). */
  source?: string;
}

export interface HandoffResult {
  conversation: ConversationRow;
  /** The message that told the visitor, if one was written. */
  notice: MessageRow | null;
  askContact: boolean;
  opensAt: string | null;
  /** False when the conversation was already waiting for or owned by a person. */
  changed: boolean;
  /** Within business hours, nobody on the team is online: the inbox tells the visitor so. */
  nobodyOnline: boolean;
}

/**
 * Whether anyone on the team can answer now; the inbox, which keeps presence, sets it at
 * start. Nobody online: the visitor is not told "someone will reply soon" only to read
 * "nobody is online" a moment later (the inbox writes that honest notice when it routes).
 */
let teamAvailable: (tx: Tx) => Promise<boolean> = async () => true;

export function setTeamAvailability(check: (tx: Tx) => Promise<boolean>): void {
  teamAvailable = check;
}

/** A bot message the engine writes itself (not a model): the hand-off notice, the inbox's waiting notices, a reply to small talk. */
export async function writeNotice(
  tx: Tx,
  ctx: ServiceContext,
  conversationId: string,
  content: string,
  replyTo: string | null,
  model = 'handoff',
): Promise<MessageRow> {
  const [notice] = await tx.db
    .insert(messages)
    .values({ tenantId: ctx.tenantId, id: newId('msg'), conversationId, role: 'assistant', content, model, replyTo })
    .returning();
  await tx.db
    .update(conversations)
    .set({
      messageCount: sql`${conversations.messageCount} + 1`,
      lastMessageAt: new Date(),
      updatedAt: new Date(),
      humanOffered: false,
    })
    .where(eq(conversations.id, conversationId));
  await emit(tx, 'message.created', { conversationId, messageId: notice!.id, role: 'assistant' });
  return notice!;
}

/**
 * Sends a locked conversation to a person in the caller's transaction: pending_human (the bot
 * stops answering), the transition and its event (the inbox routes it from there), and the
 * visitor told — with, outside business hours, when to expect an answer and a request for
 * contact details (`askContact`). Already waiting or owned: nothing changes.
 */
export async function handOff(
  tx: Tx,
  ctx: ServiceContext,
  conversation: ConversationRow,
  reason: string,
  options: HandoffOptions = {},
): Promise<HandoffResult> {
  if (conversation.status === 'pending_human' || conversation.status === 'human') {
    return {
      conversation,
      notice: null,
      askContact: conversation.askContact,
      opensAt: null,
      changed: false,
      nobodyOnline: false,
    };
  }
  const settings = await readHandoffSettings(tx);
  const language = conversationLanguage(await agentConfigFor(tx, conversation), conversation);
  const told = handoffNotice(settings.businessHours, language);
  const updated = await transitionConversation(tx, ctx, conversation, {
    event: 'conversation.handoff_requested',
    to: 'pending_human',
    assigneeId: null,
    reason,
    set: {
      handoffReason: reason.slice(0, 500),
      handoffAt: sql`now()`,
      askContact: told.askContact,
      unansweredStreak: 0,
      humanOffered: false,
    },
    payload: { source: options.source ?? ctx.actor.type, askContact: told.askContact, opensAt: told.opensAt },
  });
  const nobodyOnline = !told.askContact && !(await teamAvailable(tx));
  const notice =
    (options.announce !== false || told.askContact) && !nobodyOnline
      ? await writeNotice(tx, ctx, conversation.id, told.text, options.replyTo ?? null)
      : null;
  return {
    conversation: updated,
    notice,
    askContact: told.askContact,
    opensAt: told.opensAt,
    changed: true,
    nobodyOnline,
  };
}

/**
 * Asks for a person: the conversation waits in the inbox (pending_human) and the bot stops
 * answering it. Idempotent: asking again while waiting or owned changes nothing. The widget's
 * button and the API call this; the model's tool too (announce: false).
 */
export async function requestHandoff(
  ctx: ServiceContext,
  conversationId: string,
  reason: string,
  options: HandoffOptions = {},
): Promise<ConversationRow> {
  return (await requestHandoffWithNotice(ctx, conversationId, reason, options)).conversation;
}

export async function requestHandoffWithNotice(
  ctx: ServiceContext,
  conversationId: string,
  reason: string,
  options: HandoffOptions = {},
): Promise<HandoffResult> {
  return withTenant(ctx, async (tx) => {
    const conversation = await lockConversation(tx, ctx, conversationId, true);
    return handOff(tx, ctx, conversation, reason, options);
  });
}
