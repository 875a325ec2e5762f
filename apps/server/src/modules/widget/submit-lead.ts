import type { LeadSource } from '@switchboard/contract/leads';
import type { z } from 'zod';
import { ConflictError, ValidationError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/tenancy';
import { getConversation } from '../chat';
import { leadFormSubmission, submitLeadForm, type leadFormDefinition } from '../leads';
import type { WidgetLeadForm } from './config';

/** What the widget sends: the form's values by field key, and the consent box. */
export const leadSubmission = leadFormSubmission;

/**
 * The form the widget shows when the team asks for contact details (handed to a person outside
 * business hours) and the agent's widget has no lead form of its own: name, email, phone. The
 * widget draws the same three fields in the visitor's language.
 */
export const CONTACT_FORM: z.input<typeof leadFormDefinition> = {
  fields: [
    { key: 'name', label: 'Name' },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'phone', label: 'Phone', type: 'phone' },
  ],
  consent: null,
};

const given = (value: string | null | undefined) => Boolean(value?.trim());

/**
 * The widget's lead form, checked by the leads module against the form this agent's widget
 * shows (required fields, formats, select options, consent; keys the form doesn't have are
 * dropped) and linked to the conversation; sending it again updates that lead. Without a lead
 * form, only a conversation asking for contact details takes one, through CONTACT_FORM, and
 * then an email or a phone number is needed to answer. Field errors answer 400 with
 * `details: [{ path: <field key | "consent">, message }]`.
 */
export async function submitWidgetLead(
  ctx: ServiceContext,
  form: WidgetLeadForm,
  input: unknown,
  link: { conversationId: string; agentId: string },
): Promise<{ id: string }> {
  const submission = leadFormSubmission.parse(input);
  let definition: z.input<typeof leadFormDefinition> = { fields: form.fields, consent: form.consent };
  if (!form.enabled) {
    const conversation = await getConversation(ctx, link.conversationId);
    if (!conversation.askContact) throw new ConflictError('This chat has no contact form.', 'lead_form_disabled');
    if (!given(submission.values.email) && !given(submission.values.phone)) {
      throw new ValidationError('Check the highlighted fields.', [
        { path: 'email', message: 'Leave an email address or a phone number' },
      ]);
    }
    definition = CONTACT_FORM;
  }
  const { lead } = await submitLeadForm(
    ctx,
    { form: definition, submission },
    { conversationId: link.conversationId, agentId: link.agentId, source: 'widget' satisfies LeadSource },
  );
  return { id: lead.id };
}
