import { z } from 'zod';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { leads, type LeadRow } from './schema';

export const leadInput = z
  .object({
    name: z.string().trim().max(200).nullish(),
    email: z.string().trim().toLowerCase().email('Enter a valid email address').max(320).nullish(),
    phone: z.string().trim().regex(/^[+()\d\s.-]{5,40}$/, 'Enter a valid phone number').nullish(),
    fields: z.record(z.string().max(60), z.string().max(2000)).default({}),
    consent: z.boolean().default(false),
  })
  .refine((l) => l.email || l.phone || l.name, { message: 'Leave at least a name, an email or a phone number' });

/**
 * Records a lead linked to its conversation. Called by the agent's capture-lead tool and the
 * widget's form (visitor actors), so it checks no member permission; `lead.created` is emitted.
 */
export async function captureLead(
  ctx: ServiceContext,
  input: z.input<typeof leadInput>,
  link: { conversationId: string | null; agentId: string | null; source: string },
): Promise<LeadRow> {
  const data = leadInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(leads)
      .values({
        tenantId: ctx.tenantId,
        id: newId('lead'),
        conversationId: link.conversationId,
        agentId: link.agentId,
        name: data.name ?? null,
        email: data.email ?? null,
        phone: data.phone ?? null,
        fields: data.fields,
        consent: data.consent,
        source: link.source,
      })
      .returning();
    await emit(tx, 'lead.created', { leadId: row!.id, conversationId: link.conversationId, agentId: link.agentId });
    return row!;
  });
}
