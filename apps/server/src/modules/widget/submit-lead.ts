import { ConflictError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/tenancy';
import { leadFormSubmission, submitLeadForm } from '../leads';
import type { WidgetLeadForm } from './config';

/** What the widget sends: the form's values by field key, and the consent box. */
export const leadSubmission = leadFormSubmission;

/**
 * The widget's lead form, checked by the leads module against the form this agent's widget
 * shows (required fields, formats, select options, consent; keys the form doesn't have are
 * dropped) and linked to the conversation; sending it again updates that lead. Field errors
 * answer 400 with `details: [{ path: <field key | "consent">, message }]`.
 */
export async function submitWidgetLead(
  ctx: ServiceContext,
  form: WidgetLeadForm,
  input: unknown,
  link: { conversationId: string; agentId: string },
): Promise<{ id: string }> {
  if (!form.enabled) throw new ConflictError('This chat has no contact form.', 'lead_form_disabled');
  const { lead } = await submitLeadForm(
    ctx,
    { form: { fields: form.fields, consent: form.consent }, submission: leadFormSubmission.parse(input) },
    { conversationId: link.conversationId, agentId: link.agentId, source: 'widget' },
  );
  return { id: lead.id };
}
