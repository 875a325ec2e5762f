import { asc, eq } from 'drizzle-orm';
import { noteInput } from '@switchboard/contract/inbox';
import type { z } from 'zod';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { lockConversation } from '../chat';
import { actingMember } from './common';
import { inboxNotes, type InboxNoteRow } from './schema';

export const noteView = ({ tenantId: _t, dedupeKey: _d, ...rest }: InboxNoteRow) => rest;

/**
 * Writes an internal note (or a summary) in the caller's transaction. Notes are not messages:
 * they never enter the message list, the model's history or a visitor's stream; their event
 * is `inbox.note_created`, which only the inbox stream shows.
 */
export async function writeNote(
  tx: Tx,
  ctx: ServiceContext,
  conversationId: string,
  note: { content: string; kind: 'note' | 'summary'; authorId: string | null; dedupeKey?: string },
): Promise<InboxNoteRow | null> {
  const [row] = await tx.db
    .insert(inboxNotes)
    .values({
      tenantId: ctx.tenantId,
      id: newId('note'),
      conversationId,
      authorId: note.authorId,
      kind: note.kind,
      content: note.content,
      dedupeKey: note.dedupeKey ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (row) await emit(tx, 'inbox.note_created', { conversationId, noteId: row.id, kind: row.kind });
  return row ?? null;
}

export async function addNote(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof noteInput>,
): Promise<InboxNoteRow> {
  assertCan(ctx, 'conversations.reply');
  const me = actingMember(ctx);
  const { content } = noteInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await lockConversation(tx, ctx, conversationId, true);
    return (await writeNote(tx, ctx, conversationId, { content, kind: 'note', authorId: me }))!;
  });
}

export async function listNotesInTx(tx: Tx, conversationId: string): Promise<InboxNoteRow[]> {
  return tx.db
    .select()
    .from(inboxNotes)
    .where(eq(inboxNotes.conversationId, conversationId))
    .orderBy(asc(inboxNotes.createdAt), asc(inboxNotes.id));
}
