import type { LeadNoteRow, LeadRow } from './schema';

export type LeadView = Omit<LeadRow, 'tenantId'>;

export interface LeadNoteView {
  id: string;
  text: string;
  author: { type: string; id: string | null; label: string };
  createdAt: Date;
}

export interface LeadDetail extends LeadView {
  /** Newest first. */
  notes: LeadNoteView[];
}

export function leadView({ tenantId: _tenant, ...rest }: LeadRow): LeadView {
  return rest;
}

export function noteView(row: LeadNoteRow): LeadNoteView {
  return { id: row.id, text: row.text, author: { type: row.authorType, id: row.authorId, label: row.authorLabel }, createdAt: row.createdAt };
}
