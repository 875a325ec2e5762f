import { asc, desc, eq } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import type { AgentConfig } from '../../agents';
import {
  agentConfigFor,
  conversationLanguage,
  conversations,
  messages,
  type ConversationRow,
  type MessageRow,
} from '../../chat';
import { assertConversationAccess } from '../../chat';
import { leads, type LeadRow } from '../../leads';
import { NotFoundError } from '../../../platform/errors';
import { conversationProbe } from '../common';

export interface CopilotContext {
  conversation: ConversationRow;
  config: AgentConfig;
  language: string;
  /** The latest messages, oldest first (empty answer slots left out). */
  history: MessageRow[];
  lead: LeadRow | null;
}

/** What the co-pilot works from, read in one short transaction (no model call holds it). */
export async function copilotContext(ctx: ServiceContext, conversationId: string, limit = 40): Promise<CopilotContext> {
  return withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) throw new NotFoundError('Conversation', 'not_found', conversationProbe(conversationId));
    assertConversationAccess(ctx, conversation, false);
    const config = await agentConfigFor(tx, conversation);
    const recent = await tx.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(limit);
    const [lead] = await tx.db
      .select()
      .from(leads)
      .where(eq(leads.conversationId, conversationId))
      .orderBy(asc(leads.createdAt))
      .limit(1);
    return {
      conversation,
      config,
      language: conversationLanguage(config, conversation),
      history: recent.reverse().filter((m) => m.content.trim() !== ''),
      lead: lead ?? null,
    };
  });
}

/** The visitor's messages since anyone last answered them: what a reply has to address. */
export function unansweredQuestion(history: MessageRow[]): string | null {
  const lastAnswer = history.findLastIndex(
    (m) => m.role === 'human' || (m.role === 'assistant' && m.model !== 'handoff'),
  );
  const since = history.slice(lastAnswer + 1).filter((m) => m.role === 'user');
  const asked = since.length ? since : history.filter((m) => m.role === 'user').slice(-1);
  return asked.length
    ? asked
        .map((m) => m.content)
        .join('\n')
        .slice(0, 2000)
    : null;
}
