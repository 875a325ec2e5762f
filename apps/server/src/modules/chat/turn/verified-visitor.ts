import type { VerifiedVisitor } from '../../actions';
import type { ConversationRow } from '../schema';

/**
 * The visitor as the website verified them with the identity HMAC, or null. Both must hold:
 * the conversation belongs to the verified visitor id the widget gives such a user
 * (`verified:<userId>`, set by the server when the hash matched) and its identity says
 * verified. Nothing the visitor or the model typed can produce it.
 */
export function verifiedVisitor(conversation: Pick<ConversationRow, 'visitorId' | 'metadata'>): VerifiedVisitor | null {
  const identity = conversation.metadata.identity as
    { userId?: unknown; email?: unknown; verified?: unknown } | undefined;
  if (!identity || identity.verified !== true || typeof identity.userId !== 'string') return null;
  if (conversation.visitorId !== `verified:${identity.userId}`) return null;
  return { userId: identity.userId, email: typeof identity.email === 'string' ? identity.email : null };
}
