import { and, eq } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { systemContext, withTenant } from '../../platform/tenancy';
import { conversations } from '../chat';

/** Clears `askContact` once the visitor left contact details, so the widget stops asking. */
export async function clearContactRequest(tenantId: string, conversationId: string, leadId: string): Promise<boolean> {
  const ctx = systemContext(tenantId, 'inbox.contact');
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .update(conversations)
      .set({ askContact: false, updatedAt: new Date() })
      .where(and(eq(conversations.id, conversationId), eq(conversations.askContact, true)))
      .returning({ id: conversations.id });
    if (row) await emit(tx, 'conversation.contact_received', { conversationId, leadId });
    return Boolean(row);
  });
}
