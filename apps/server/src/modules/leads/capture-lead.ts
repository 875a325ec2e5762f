import { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertMayCapture } from './capture-access';
import { blankToNull, fieldKey, fieldValue, leadEmail, leadName, leadPhone } from '@switchboard/contract/leads';
import type { LeadRow } from './schema';
import { storeLead, type LeadLink } from './store-lead';

export const leadInput = z
  .object({
    name: z.preprocess(blankToNull, leadName.nullish()),
    email: z.preprocess(blankToNull, leadEmail.nullish()),
    phone: z.preprocess(blankToNull, leadPhone.nullish()),
    fields: z.record(fieldKey, fieldValue).default({}),
    /** Consent without its text (an integration that collected it elsewhere). */
    consent: z.boolean().optional(),
  })
  .refine((l) => l.email || l.phone || l.name, { message: 'Leave at least a name, an email or a phone number' });

/**
 * Records a lead linked to its conversation; the agent's `capture_lead` tool calls it. A second
 * capture in the same conversation updates that conversation's lead (`lead.updated`) instead of
 * adding one; the first emits `lead.created`.
 */
export async function captureLead(
  ctx: ServiceContext,
  input: z.input<typeof leadInput>,
  link: LeadLink,
): Promise<LeadRow> {
  assertMayCapture(ctx);
  const data = leadInput.parse(input);
  const values = {
    name: data.name,
    email: data.email,
    phone: data.phone,
    fields: data.fields,
    ...(data.consent === undefined ? {} : { consent: { given: data.consent, text: null } }),
  };
  return withTenant(ctx, async (tx) => (await storeLead(tx, ctx, values, link)).lead);
}
