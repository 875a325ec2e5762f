import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { fileStorage, newStorageKey } from '../../platform/storage';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { getConversation } from '../chat';
import { attachmentType } from './attachment-type';
import type { WidgetConfig } from './config';
import { widgetAttachments, type WidgetAttachmentRow } from './schema';

export const attachmentView = (row: WidgetAttachmentRow) => ({
  id: row.id,
  name: row.name,
  size: row.size,
  mediaType: row.mediaType,
  kind: row.kind,
  createdAt: row.createdAt,
});

// Path separators and control characters out of a name that is only ever displayed.
const fileName = z
  .string()
  .trim()
  .max(200)
  // eslint-disable-next-line no-control-regex
  .transform((name) => name.replace(/[\\/\u0000-\u001f"]/g, '_') || 'attachment');

function tooLarge(maxBytes: number): PayloadTooLargeError {
  const error = new PayloadTooLargeError(maxBytes);
  error.message = `The file is larger than this chat allows (${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB).`;
  return error;
}

/**
 * A visitor's file or image: within the agent's policy (on, kind allowed, size), its type read
 * from its bytes, stored under a generated key, recorded against the conversation.
 */
export async function addAttachment(
  ctx: ServiceContext,
  conversationId: string,
  file: { bytes: Uint8Array; name: string },
  /** `audio`: voice notes and audio files too (messaging channels; the widget takes none). */
  policy: WidgetConfig['attachments'] & { hardLimitBytes: number; audio?: boolean },
): Promise<WidgetAttachmentRow> {
  if (ctx.actor.type !== 'visitor') throw new ValidationError('Attachments are sent by visitors.');
  if (!policy.enabled) throw new ConflictError('This chat does not take attachments.', 'attachments_disabled');
  const maxBytes = Math.min(policy.maxBytes, policy.hardLimitBytes);
  if (file.bytes.length > maxBytes) throw tooLarge(maxBytes);
  const name = fileName.parse(file.name);
  const type = attachmentType(file.bytes, name, { audio: policy.audio });
  if ((type.kind === 'image' && !policy.images) || (type.kind === 'file' && !policy.files)) {
    throw new ValidationError(
      type.kind === 'image' ? 'This chat does not take images.' : 'This chat takes images only.',
      undefined,
      'unsupported_file_type',
    );
  }
  const conversation = await getConversation(ctx, conversationId);
  const storageKey = newStorageKey(ctx.tenantId, conversation.id);
  await fileStorage().put(storageKey, file.bytes);
  try {
    const [row] = await withTenant(ctx, (tx) =>
      tx.db
        .insert(widgetAttachments)
        .values({
          tenantId: ctx.tenantId,
          id: newId('fil'),
          conversationId,
          visitorId: ctx.actor.type === 'visitor' ? ctx.actor.visitorId : '',
          name,
          size: file.bytes.length,
          mediaType: type.mediaType,
          kind: type.kind,
          storageKey,
        })
        .returning(),
    );
    return row!;
  } catch (error) {
    await fileStorage()
      .delete(storageKey)
      .catch(() => undefined);
    throw error;
  }
}

/** An attachment's bytes, only through its own conversation (which the caller may read). */
export async function readAttachment(
  ctx: ServiceContext,
  conversationId: string,
  attachmentId: string,
): Promise<{ row: WidgetAttachmentRow; bytes: Buffer }> {
  await getConversation(ctx, conversationId);
  const [row] = await withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(widgetAttachments)
      .where(and(eq(widgetAttachments.id, attachmentId), eq(widgetAttachments.conversationId, conversationId))),
  );
  if (!row) throw new NotFoundError('Attachment', 'not_found', { table: 'widget_attachments', id: attachmentId });
  return { row, bytes: await fileStorage().get(row.storageKey) };
}
