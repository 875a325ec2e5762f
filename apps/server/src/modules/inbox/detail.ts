import { asc, eq } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { actorCan, assertCan } from '../access';
import { agents } from '../agents';
import {
  assertConversationAccess,
  conversations,
  conversationTransitions,
  conversationView,
  listMessages,
  messageView,
  peopleByIds,
  personView,
  type PersonView,
} from '../chat';
import { visitorIdentity } from '../escalation';
import { leads } from '../leads';
import { conversationRatings } from '../widget';
import { conversationProbe } from './common';
import { listNotesInTx, noteView } from './notes';

/**
 * Everything the inbox shows of one conversation: the history (every role, citations
 * included), internal notes, the record of who took it and when, the visitor (who they said
 * they are, the page, the browser), the leads they left and the rating they gave once it was
 * closed, with names for the people named.
 */
export async function conversationDetail(ctx: ServiceContext, conversationId: string) {
  assertCan(ctx, 'conversations.read');
  const found = await withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) throw new NotFoundError('Conversation', 'not_found', conversationProbe(conversationId));
    assertConversationAccess(ctx, conversation, false);
    const [agent] = await tx.db
      .select({ id: agents.id, name: agents.name })
      .from(agents)
      .where(eq(agents.id, conversation.agentId));
    return {
      conversation,
      agent: agent ?? null,
      messages: await listMessages(ctx, conversationId, { limit: 500 }),
      notes: await listNotesInTx(tx, conversationId),
      transitions: await tx.db
        .select()
        .from(conversationTransitions)
        .where(eq(conversationTransitions.conversationId, conversationId))
        .orderBy(asc(conversationTransitions.createdAt), asc(conversationTransitions.id)),
      leads: actorCan(ctx.actor, 'leads.read')
        ? await tx.db.select().from(leads).where(eq(leads.conversationId, conversationId)).orderBy(asc(leads.createdAt))
        : [],
      rating:
        (
          await tx.db.select().from(conversationRatings).where(eq(conversationRatings.conversationId, conversationId))
        )[0] ?? null,
    };
  });
  const ids = [
    found.conversation.assigneeId,
    ...found.messages.map((m) => m.authorId),
    ...found.notes.map((n) => n.authorId),
    ...found.transitions.flatMap((t) => [t.assigneeId, t.actorType === 'user' ? t.actorId : null]),
  ];
  const people: Record<string, PersonView> = {};
  for (const [id, card] of await peopleByIds(ids)) people[id] = personView(card);
  // Who they said they are (identify, metadata), else what their latest lead says.
  const said = visitorIdentity(found.conversation.metadata);
  const lead = found.leads.at(-1);
  return {
    conversation: {
      ...conversationView(found.conversation),
      assignee: found.conversation.assigneeId ? (people[found.conversation.assigneeId] ?? null) : null,
    },
    agent: found.agent,
    visitor: {
      id: found.conversation.visitorId,
      ...said,
      name: said.name ?? lead?.name ?? null,
      email: said.email ?? lead?.email ?? null,
      phone: said.phone ?? lead?.phone ?? null,
    },
    messages: found.messages.map(messageView),
    notes: found.notes.map(noteView),
    transitions: found.transitions.map(({ tenantId: _t, ...rest }) => rest),
    leads: found.leads.map(({ tenantId: _t, ...rest }) => rest),
    rating: found.rating
      ? { rating: found.rating.rating, comment: found.rating.comment, ratedAt: found.rating.updatedAt }
      : null,
    people,
  };
}
