import type { LeadSource } from '@switchboard/contract/leads';
import { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertMayCapture } from './capture-access';
import { blankToNull, fieldValue, leadEmail, leadName, leadPhone } from '@switchboard/contract/leads';
import { CONTACT_KEYS, leadFormDefinition, leadFormSubmission, type LeadFormField } from './lead-form';
import { storeLead, type CapturedValues, type StoredLead } from './store-lead';

const validators = { text: fieldValue, textarea: fieldValue, email: leadEmail, phone: leadPhone, select: fieldValue };

function validateField(field: LeadFormField, raw: unknown): { value: string | null; error?: string } {
  const given = blankToNull(raw);
  if (given === null || given === undefined)
    return field.required ? { value: null, error: `${field.label} is required` } : { value: null };
  const schema = field.key === 'name' ? leadName : validators[field.type as keyof typeof validators];
  const parsed = schema.safeParse(given);
  if (!parsed.success) return { value: null, error: parsed.error.issues[0]?.message ?? 'Not valid' };
  if (field.type === 'select' && !field.options?.includes(parsed.data))
    return { value: null, error: `Choose one of the ${field.label} options` };
  return { value: parsed.data };
}

/**
 * Records what a visitor sent through the widget's lead form, validated against the form the
 * workspace configured (required fields, email and phone formats, select options; keys the form
 * does not have are ignored). Sending the form again in the same conversation updates that
 * conversation's lead. The consent text stored is the form's, not the client's. Field errors
 * answer 400 `validation_failed` with `details: [{ path: <field key | "consent">, message }]`.
 */
export async function submitLeadForm(
  ctx: ServiceContext,
  input: { form: z.input<typeof leadFormDefinition>; submission: z.input<typeof leadFormSubmission> },
  link: { conversationId: string; agentId: string | null; source?: string },
): Promise<StoredLead> {
  assertMayCapture(ctx);
  const form = leadFormDefinition.parse(input.form);
  const submission = leadFormSubmission.parse(input.submission);
  const problems: Array<{ path: string; message: string }> = [];
  const values: CapturedValues & { fields: Record<string, string> } = { fields: {} };
  for (const field of form.fields) {
    const { value, error } = validateField(field, submission.values[field.key]);
    if (error) problems.push({ path: field.key, message: error });
    else if (value === null) continue;
    else if (field.key === 'name' || field.key === 'email' || field.key === 'phone') values[field.key] = value;
    else values.fields[field.key] = value;
  }
  if (form.consent) {
    if (form.consent.required && !submission.consent)
      problems.push({ path: 'consent', message: 'Please accept to continue' });
    values.consent = { given: submission.consent, text: form.consent.text };
  }
  if (!problems.length && !values.name && !values.email && !values.phone) {
    const first = form.fields.find((f) => (CONTACT_KEYS as readonly string[]).includes(f.key))!;
    problems.push({ path: first.key, message: 'Leave at least a name, an email or a phone number' });
  }
  if (problems.length) throw new ValidationError('Check the highlighted fields.', problems);
  return withTenant(ctx, (tx) =>
    storeLead(tx, ctx, values, {
      conversationId: link.conversationId,
      agentId: link.agentId,
      source: link.source ?? ('form' satisfies LeadSource),
    }),
  );
}
