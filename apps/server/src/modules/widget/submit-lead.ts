import { z } from 'zod';
import { ConflictError, ValidationError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/tenancy';
import { captureLead } from '../leads';
import type { WidgetLeadForm } from './config';

export const leadSubmission = z.object({
  values: z.record(z.string().max(60), z.union([z.string().max(5000), z.null()])).default({}),
  consent: z.boolean().default(false),
});

const EMAIL = z.string().email('Enter a valid email address');
const PHONE = z.string().regex(/^[+()\d\s.-]{5,40}$/, 'Enter a valid phone number');

/**
 * The widget's lead form, checked against the form the workspace configured (required fields,
 * formats, select options, the consent box; keys the form doesn't have are dropped), then
 * recorded by the leads module's captureLead, linked to the conversation. Field errors answer
 * 400 with `details: [{ path: <field key | "consent">, message }]`.
 */
export async function submitWidgetLead(
  ctx: ServiceContext,
  form: WidgetLeadForm,
  input: z.input<typeof leadSubmission>,
  link: { conversationId: string; agentId: string },
): Promise<{ id: string }> {
  if (!form.enabled) throw new ConflictError('This chat has no contact form.', 'lead_form_disabled');
  const { values, consent } = leadSubmission.parse(input);
  const problems: Array<{ path: string; message: string }> = [];
  const contact: { name?: string; email?: string; phone?: string } = {};
  const fields: Record<string, string> = {};
  for (const field of form.fields) {
    const value = values[field.key]?.trim() ?? '';
    if (!value) {
      if (field.required) problems.push({ path: field.key, message: `${field.label} is required` });
      continue;
    }
    const schema = field.key === 'email' || field.type === 'email' ? EMAIL : field.key === 'phone' || field.type === 'phone' ? PHONE : z.string().max(2000);
    const parsed = schema.safeParse(value);
    if (!parsed.success) problems.push({ path: field.key, message: parsed.error.issues[0]!.message });
    else if (field.type === 'select' && !field.options?.includes(value)) problems.push({ path: field.key, message: `Choose one of the ${field.label} options` });
    else if (field.key === 'name' || field.key === 'email' || field.key === 'phone') contact[field.key] = value;
    else fields[field.key] = value;
  }
  if (form.consent?.required && !consent) problems.push({ path: 'consent', message: 'Please accept to continue' });
  if (!problems.length && !contact.name && !contact.email && !contact.phone) {
    problems.push({ path: form.fields[0]!.key, message: 'Leave at least a name, an email or a phone number' });
  }
  if (problems.length) throw new ValidationError('Check the highlighted fields.', problems);
  if (form.consent && consent) fields.consent_text = form.consent.text.slice(0, 2000);
  const lead = await captureLead(
    ctx,
    { name: contact.name ?? null, email: contact.email ?? null, phone: contact.phone ?? null, fields, consent: Boolean(form.consent && consent) },
    { conversationId: link.conversationId, agentId: link.agentId, source: 'widget' },
  );
  return { id: lead.id };
}
