import type { LeadSource } from '@switchboard/contract/leads';
import { Badge, type BadgeTone } from '../../components/badge';
import type { LeadStatus } from './leads-api';

export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  lost: 'Lost',
};
const STATUS_TONES: Record<LeadStatus, BadgeTone> = {
  new: 'indigo',
  contacted: 'amber',
  qualified: 'green',
  lost: 'gray',
};

/** Every source the server writes (LEAD_SOURCES), so the filter finds what it offers. */
export const SOURCE_LABELS: Record<LeadSource, string> = {
  widget: 'Widget form',
  agent: 'Captured in chat',
  form: 'Lead form API',
};
export const sourceLabel = (source: string) => SOURCE_LABELS[source as LeadSource] ?? source;

export function LeadStatusBadge({ status }: { status: LeadStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

/** `company_size` → `Company size`, for custom field keys. */
export function fieldLabel(key: string): string {
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
