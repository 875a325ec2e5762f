import { eq } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { decideConfirmation, pendingConfirmations, type PendingConfirmation } from '../actions';
import { conversations } from './schema';
import { verifiedVisitor } from './turn/verified-visitor';

/** Actions of this conversation waiting for the visitor's Confirm or Cancel (shown again after a reload). */
export function listPendingActions(ctx: ServiceContext, conversationId: string): Promise<PendingConfirmation[]> {
  return pendingConfirmations(ctx, conversationId);
}

/**
 * The visitor's answer to a pending action. The identity used for `{{visitor.*}}` is the
 * conversation's verified one, read again now, as when the model asked.
 */
export async function decidePendingAction(
  ctx: ServiceContext,
  conversationId: string,
  id: string,
  confirm: boolean,
): Promise<{ decision: 'confirmed' | 'cancelled'; succeeded: boolean }> {
  const [conversation] = await withTenant(ctx, (tx) =>
    tx.db
      .select({ visitorId: conversations.visitorId, metadata: conversations.metadata })
      .from(conversations)
      .where(eq(conversations.id, conversationId)),
  );
  const visitor = conversation ? verifiedVisitor(conversation) : null;
  const { run } = await decideConfirmation(ctx, conversationId, id, confirm, visitor);
  return { decision: confirm ? 'confirmed' : 'cancelled', succeeded: Boolean(run && !run.error) };
}
