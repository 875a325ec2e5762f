import { eq } from 'drizzle-orm';
import { addLeadNoteInput } from '@switchboard/contract/leads';
import type { z } from 'zod';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { describeActor, withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { loadLead } from './load-lead';
import { leadNotes, leads } from './schema';
import { noteView, type LeadNoteView } from './views';

function authorOf(ctx: ServiceContext): { authorType: string; authorId: string | null; authorLabel: string } {
  const { actor } = ctx;
  const authorId = actor.type === 'user' ? actor.userId : actor.type === 'apiKey' ? actor.keyId : null;
  return { authorType: actor.type, authorId, authorLabel: actor.type === 'user' ? actor.email : describeActor(actor) };
}

/** A note on a lead, written by whoever is acting (never named by the request). */
export async function addLeadNote(
  ctx: ServiceContext,
  leadId: string,
  input: z.input<typeof addLeadNoteInput>,
): Promise<LeadNoteView> {
  assertCan(ctx, 'leads.write');
  const { text } = addLeadNoteInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await loadLead(tx, ctx, leadId, true);
    const [note] = await tx.db
      .insert(leadNotes)
      .values({ tenantId: ctx.tenantId, id: newId('note'), leadId, text, ...authorOf(ctx) })
      .returning();
    await tx.db.update(leads).set({ updatedAt: new Date() }).where(eq(leads.id, leadId));
    await emit(tx, 'lead.note_added', { leadId, noteId: note!.id });
    return noteView(note!);
  });
}
