import { eq } from 'drizzle-orm';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { loadLead } from './load-lead';
import { leads } from './schema';

/**
 * Deletes a lead and its notes. The audit row keeps what it was (status, source, links) but
 * not the person's contact details: deleting a lead is how their data is erased.
 */
export async function deleteLead(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'leads.write');
  await withTenant(ctx, async (tx) => {
    const lead = await loadLead(tx, ctx, id, true);
    await tx.db.delete(leads).where(eq(leads.id, id));
    await recordAudit(tx, ctx, {
      action: 'lead.deleted',
      targetType: 'lead',
      targetId: id,
      before: {
        status: lead.status,
        source: lead.source,
        conversationId: lead.conversationId,
        agentId: lead.agentId,
        createdAt: lead.createdAt.toISOString(),
      },
    });
    await emit(tx, 'lead.deleted', { leadId: id, conversationId: lead.conversationId, agentId: lead.agentId });
  });
}
