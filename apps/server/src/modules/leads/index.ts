export { leadsModule } from './module';
export { captureLead, leadInput } from './capture-lead';
export { leads, type LeadRow } from './schema';
