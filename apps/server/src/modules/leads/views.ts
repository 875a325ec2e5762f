import type { LeadNoteSchema } from '@switchboard/contract/leads';
import type { z } from 'zod';
import type { LeadNoteRow, LeadRow } from './schema';

export type LeadView = Omit<LeadRow, 'tenantId'>;

/** A note as the API answers it (the contract's schema). */
export type LeadNoteView = z.output<typeof LeadNoteSchema>;

export interface LeadDetail extends LeadView {
  /** Newest first. */
  notes: LeadNoteView[];
}

export function leadView({ tenantId: _tenant, ...rest }: LeadRow): LeadView {
  return rest;
}

export function noteView(row: LeadNoteRow): LeadNoteView {
  return {
    id: row.id,
    text: row.text,
    author: { type: row.authorType, id: row.authorId, label: row.authorLabel },
    createdAt: row.createdAt,
  };
}
