import { desc, eq } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { loadLead } from './load-lead';
import { leadNotes } from './schema';
import { leadView, noteView, type LeadDetail } from './views';

/** A lead with its notes (newest first), its conversation id and agent id. */
export async function getLead(ctx: ServiceContext, id: string): Promise<LeadDetail> {
  assertCan(ctx, 'leads.read');
  return withTenant(ctx, async (tx) => {
    const row = await loadLead(tx, ctx, id);
    const notes = await tx.db
      .select()
      .from(leadNotes)
      .where(eq(leadNotes.leadId, id))
      .orderBy(desc(leadNotes.createdAt), desc(leadNotes.id));
    return { ...leadView(row), notes: notes.map(noteView) };
  });
}
