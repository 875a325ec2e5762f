import { and, desc, eq } from 'drizzle-orm';
import { sessionInput } from '@switchboard/contract/widget';
import type { z } from 'zod';
import { UnauthorizedError } from '../../platform/errors';
import { isId, newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { conversations, createConversation, type ConversationRow } from '../chat';
import { checkIdentity } from './identity';
import type { ResolvedWidget } from './resolve-widget';
import { verifyResumeLink, type ResumeClaims } from './resume-link';
import { signVisitorToken, visitorKeyFor, visitorKeyValid } from './visitor-token';

export interface WidgetSession {
  visitor: { id: string; key: string | null; verified: boolean };
  identity: 'verified' | 'unverified' | 'none';
  conversation: { id: string; status: ConversationRow['status'] } | null;
  token: string | null;
  expiresAt: Date | null;
}

/** A verified user's visitor id; anonymous ids are `vis_…`, so neither can pass for the other. */
const verifiedVisitor = (userId: string) => `verified:${userId}`;

async function findConversation(
  tenantId: string,
  where: { id?: string; visitorId: string; agentId: string },
): Promise<ConversationRow | null> {
  return withTenant({ tenantId }, async (tx) => {
    const filters = [eq(conversations.visitorId, where.visitorId), eq(conversations.agentId, where.agentId)];
    if (where.id) filters.push(eq(conversations.id, where.id));
    const [row] = await tx.db
      .select()
      .from(conversations)
      .where(and(...filters))
      .orderBy(desc(conversations.updatedAt))
      .limit(1);
    return row ?? null;
  });
}

export interface SessionMeta {
  requestId: string;
  ip?: string;
  /** Checks that the visitor may start another conversation (throws when not). */
  admit?: (visitorId: string) => Promise<void>;
}

/**
 * Starts or resumes a visitor's session with a widget. The visitor is proven by the key issued
 * with their id (anonymous) or by the identity HMAC (a site's signed-in user); a conversation is
 * resumed only if it is that visitor's, with this agent; a new one is made only when asked
 * (`create`), so opening the panel makes no empty conversations. The token binds all of it.
 */
export async function startSession(
  widget: ResolvedWidget,
  input: z.input<typeof sessionInput>,
  meta: SessionMeta,
): Promise<WidgetSession> {
  const data = sessionInput.parse(input);
  if (data.resume) return resumeSession(widget, data.resume);
  let visitorId: string;
  let identity: WidgetSession['identity'] = 'none';
  if (data.identity?.hash) {
    const check = await checkIdentity(widget.tenantId, data.identity.userId, data.identity.hash);
    if (check === 'invalid')
      throw new UnauthorizedError(
        'The identity could not be verified: the hash does not match this user id.',
        'identity_invalid',
      );
    identity = check === 'verified' ? 'verified' : 'unverified';
  } else if (data.identity) identity = 'unverified';

  if (identity === 'verified') visitorId = verifiedVisitor(data.identity!.userId);
  else if (
    data.visitorId &&
    data.visitorKey &&
    isId('vis', data.visitorId) &&
    visitorKeyValid(widget.tenantId, data.visitorId, data.visitorKey)
  )
    visitorId = data.visitorId;
  else visitorId = newId('vis');

  const ctx: ServiceContext = {
    tenantId: widget.tenantId,
    actor: { type: 'visitor', visitorId },
    requestId: meta.requestId,
    ...(meta.ip ? { ip: meta.ip } : {}),
  };
  let conversation: ConversationRow | null = null;
  if (!data.fresh) {
    if (data.conversationId)
      conversation = await findConversation(widget.tenantId, {
        id: data.conversationId,
        visitorId,
        agentId: widget.agentId,
      });
    // A verified user picks up their latest conversation, from any device.
    if (!conversation && identity === 'verified')
      conversation = await findConversation(widget.tenantId, { visitorId, agentId: widget.agentId });
  }
  if (!conversation && (data.create || data.fresh)) {
    await meta.admit?.(visitorId);
    const metadata: Record<string, unknown> = { ...data.page, ...(data.locale ? { locale: data.locale } : {}) };
    if (data.identity) {
      metadata.identity = {
        userId: data.identity.userId,
        name: data.identity.name ?? null,
        email: data.identity.email ?? null,
        verified: identity === 'verified',
      };
    }
    conversation = await createConversation(ctx, {
      agentId: widget.agentId,
      channel: data.channel,
      visitorId,
      metadata,
    });
  }
  const verified = identity === 'verified';
  const signed = conversation
    ? signVisitorToken({ t: widget.tenantId, a: widget.agentId, v: visitorId, c: conversation.id, u: verified })
    : null;
  return {
    visitor: { id: visitorId, key: verified ? null : visitorKeyFor(widget.tenantId, visitorId), verified },
    identity,
    conversation: conversation ? { id: conversation.id, status: conversation.status } : null,
    token: signed?.token ?? null,
    expiresAt: signed?.expiresAt ?? null,
  };
}

/**
 * What a resume link opens: the conversation it names, if the link is this widget's (its
 * workspace and agent) and the conversation is still that visitor's. Anything else is the same
 * 401 as a forged link: a link never opens another workspace's conversation.
 */
export async function resumeTarget(
  widget: Pick<ResolvedWidget, 'tenantId' | 'agentId'>,
  token: string,
): Promise<{ link: ResumeClaims; conversation: ConversationRow }> {
  const link = verifyResumeLink(token);
  const conversation =
    link.t === widget.tenantId && link.a === widget.agentId
      ? await findConversation(widget.tenantId, { id: link.c, visitorId: link.v, agentId: widget.agentId })
      : null;
  if (!conversation)
    throw new UnauthorizedError('This link is not valid. Open the chat again from the website.', 'resume_link_invalid');
  return { link, conversation };
}

/** A session from a resume link (the hosted page opened from a mailed reply). */
async function resumeSession(widget: ResolvedWidget, token: string): Promise<WidgetSession> {
  const { link, conversation } = await resumeTarget(widget, token);
  const signed = signVisitorToken({ t: widget.tenantId, a: widget.agentId, v: link.v, c: conversation.id, u: link.u });
  return {
    visitor: { id: link.v, key: link.u ? null : visitorKeyFor(widget.tenantId, link.v), verified: link.u },
    identity: link.u ? 'verified' : 'none',
    conversation: { id: conversation.id, status: conversation.status },
    token: signed.token,
    expiresAt: signed.expiresAt,
  };
}
