export { leadsModule } from './module';
export { captureLead, leadInput } from './capture-lead';
export { submitLeadForm } from './submit-lead-form';
export {
  DEFAULT_LEAD_FORM,
  leadFormDefinition,
  leadFormField,
  leadFormSubmission,
  type LeadForm,
  type LeadFormField,
} from './lead-form';
export type { LeadLink, StoredLead } from './store-lead';
export { listLeads, type LeadPage } from './list-leads';
export { getLead } from './get-lead';
export { updateLead } from './update-lead';
export { addLeadNote } from './add-lead-note';
export { deleteLead } from './delete-lead';
export { exportLeads, type LeadExport } from './export-leads';
export type { LeadDetail, LeadNoteView, LeadView } from './views';
export { LEAD_STATUSES, leadNotes, leads, type LeadNoteRow, type LeadRow, type LeadStatus } from './schema';
