import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob, enqueue } from '../../platform/jobs';
import { renderMail, sendMail } from '../../platform/mail';
import { systemContext, withTenant, type Tx } from '../../platform/tenancy';
import { agentConfigFor, conversationLanguage, conversations, messages, type ConversationRow } from '../chat';
import { visitorIdentity } from '../escalation';
import { leads } from '../leads';
import { describeTenant } from '../tenants';
import { signResumeLink } from '../widget';
import { formatDate, visitorMailText } from './visitor-mail-text';

let delaySeconds = 60;
/** A visitor whose chat is still marked open this long ago without a sign of it has gone (a server that died kept no record). */
const STALE_CONNECTION_HOURS = 12;

/** VISITOR_REPLY_MAIL_DELAY_SECONDS: replies sent within this time of the first go in one mail. */
export function configureVisitorMail(options: { delaySeconds: number }): void {
  delaySeconds = options.delaySeconds;
}

/** The channels a visitor talks in: a mailed link brings them back to the hosted chat page. */
const VISITOR_CHANNELS = new Set(['widget', 'hosted']);

/** The address the visitor gave: their lead on this conversation, else the identity the site passed. */
async function visitorEmail(tx: Tx, conversation: ConversationRow): Promise<string | null> {
  const [lead] = await tx.db
    .select({ email: leads.email })
    .from(leads)
    .where(and(eq(leads.conversationId, conversation.id), isNotNull(leads.email)))
    .orderBy(desc(leads.updatedAt))
    .limit(1);
  if (lead?.email) return lead.email;
  const identity = conversation.metadata.identity as { email?: unknown } | undefined;
  if (typeof identity?.email === 'string' && identity.email.includes('@')) return identity.email;
  return visitorIdentity(conversation.metadata).email;
}

const gone = (c: ConversationRow) =>
  !c.visitorConnected || !c.visitorSeenAt || c.visitorSeenAt.getTime() < Date.now() - STALE_CONNECTION_HOURS * 3600_000;

/**
 * Mails the team's replies that the visitor has not been mailed, if they left (their chat is
 * closed) and gave an email: one mail for every reply since the last, with a signed, expiring
 * link that resumes the conversation on the hosted chat page. A visitor still in the chat saw
 * the replies there: they are marked as delivered, never mailed later. Idempotent (the job may
 * run more than once): the conversation is locked and `visitor_mailed_at` moves with the mail.
 */
export async function mailVisitorReplies(tenantId: string, conversationId: string): Promise<boolean> {
  const ctx = systemContext(tenantId, 'inbox.visitor-mail');
  const found = await withTenant(ctx, async (tx) => {
    const [conversation] = await tx.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId))
      .for('update');
    if (!conversation?.visitorId || !VISITOR_CHANNELS.has(conversation.channel)) return null;
    // Compared in SQL: the database keeps microseconds, a JavaScript date only milliseconds.
    const unmailed = and(
      eq(messages.conversationId, conversationId),
      eq(messages.role, 'human'),
      sql`${messages.createdAt} > coalesce((SELECT c.visitor_mailed_at FROM conversations c WHERE c.id = ${conversationId}), '-infinity')`,
    );
    const replies = await tx.db
      .select({ content: messages.content })
      .from(messages)
      .where(unmailed)
      .orderBy(asc(messages.createdAt), asc(messages.id));
    if (!replies.length) return null;
    const email = gone(conversation) ? await visitorEmail(tx, conversation) : null;
    // The conversation is locked, and a reply locks it too: no reply slips in between.
    await tx.db
      .update(conversations)
      .set({
        visitorMailedAt: sql`(SELECT max(m.created_at) FROM messages m WHERE m.conversation_id = ${conversationId} AND m.role = 'human')`,
      })
      .where(eq(conversations.id, conversationId));
    if (!email) return null;
    const language = conversationLanguage(await agentConfigFor(tx, conversation), conversation);
    return { conversation, email, language, replies: replies.map((r) => r.content) };
  });
  if (!found) return false;
  const { conversation, email, language, replies } = found;
  const workspace = (await describeTenant(tenantId))?.name ?? '';
  const link = signResumeLink({
    t: tenantId,
    a: conversation.agentId,
    v: conversation.visitorId!,
    c: conversation.id,
    u: conversation.visitorId!.startsWith('verified:'),
  });
  const text = visitorMailText(language);
  const fill = (s: string) =>
    s.replace('{workspace}', workspace).replace('{date}', formatDate(link.expiresAt, language));
  await sendMail(
    renderMail({
      to: email,
      subject: fill(text.subject),
      greeting: fill(text.intro),
      paragraphs: replies.map((r) => `“${r.length > 2000 ? `${r.slice(0, 2000)}…` : r}”`),
      action: { label: text.action, url: link.url },
      footer: fill(text.footer),
    }),
  );
  return true;
}

export const visitorReplyMailJob = defineJob({
  name: 'inbox.visitor-reply-mail',
  data: z.object({ tenantId: z.string().min(1), conversationId: z.string().min(1) }),
  async handler({ tenantId, conversationId }) {
    await mailVisitorReplies(tenantId, conversationId);
  },
});

/** After a member's reply, in its transaction: the mail (if the visitor has left by then) goes after the delay, with whatever else was said meanwhile. */
export async function queueVisitorReplyMail(tx: Tx, tenantId: string, conversationId: string): Promise<void> {
  await enqueue(tx, visitorReplyMailJob, { tenantId, conversationId }, { startAfterSeconds: delaySeconds });
}
