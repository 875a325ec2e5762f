import { eq } from 'drizzle-orm';
import { updateLeadInput } from '@switchboard/contract/leads';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { loadLead } from './load-lead';
import { leads } from './schema';
import { leadView, type LeadView } from './views';

type Editable = 'status' | 'name' | 'email' | 'phone';

/** Changes a lead; the audit row (before and after of what changed) and `lead.updated` commit with it. */
export async function updateLead(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateLeadInput>,
): Promise<LeadView> {
  assertCan(ctx, 'leads.write');
  const patch = updateLeadInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await loadLead(tx, ctx, id, true);
    const changed = (Object.keys(patch) as Editable[]).filter((k) => patch[k] !== undefined && patch[k] !== before[k]);
    if (!changed.length) return leadView(before);
    const next = { ...before, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) };
    if (!next.name && !next.email && !next.phone)
      throw new ValidationError('A lead keeps at least a name, an email or a phone number.', [
        { path: changed[0], message: 'Keep at least one way to reach this lead' },
      ]);
    const [updated] = await tx.db
      .update(leads)
      .set({ status: next.status, name: next.name, email: next.email, phone: next.phone, updatedAt: new Date() })
      .where(eq(leads.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'lead.updated',
      targetType: 'lead',
      targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    await emit(tx, 'lead.updated', {
      leadId: id,
      conversationId: before.conversationId,
      agentId: before.agentId,
      changes: changed,
      status: next.status,
    });
    return leadView(updated!);
  });
}
