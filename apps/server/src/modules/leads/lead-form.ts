import {
  CONTACT_KEYS,
  leadFormDefinition,
  leadFormField,
  leadFormSubmission,
  type LeadForm,
  type LeadFormField,
} from '@switchboard/contract/leads';

// The lead form's schemas are part of the API contract (the widget posts to it, the dashboard edits it).
export { CONTACT_KEYS, leadFormDefinition, leadFormField, leadFormSubmission, type LeadForm, type LeadFormField };

/** What a widget shows when the workspace configured nothing: name and email, both required. */
export const DEFAULT_LEAD_FORM: LeadForm = leadFormDefinition.parse({
  fields: [
    { key: 'name', label: 'Name', required: true },
    { key: 'email', label: 'Email', required: true },
  ],
});
