import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { addAttachment } from '../widget';
import { openCredentials } from './credentials';
import { adapterFor, PlatformError } from './platforms';
import { channelInbound, type ChannelConnectionRow, type ChannelInboundRow, type ChannelMedia } from './schema';

let maxBytes = 10 * 1024 * 1024;

/** The largest file a customer may send through a channel: the widget's hard limit (WIDGET_MAX_ATTACHMENT_BYTES). */
export function configureChannelMedia(limit: number): void {
  maxBytes = limit;
}

const KIND_NAMES: Record<ChannelMedia['kind'], string> = {
  image: 'an image',
  document: 'a file',
  audio: 'a voice note',
};

/**
 * The text the turn engine gets for an inbound message: its caption, and a file the customer
 * sent fetched from the platform and stored as an attachment of the conversation through the
 * widget's checks (size, type read from the bytes), referred to as `[📎 name](attachment:id)`
 * as the widget does. Done once: the outcome is kept on the inbound row, so a retried job
 * neither fetches nor stores it again. A refused file is named in the text instead (the
 * inbox sees the customer tried); a platform that fails for now makes the job retry.
 */
export async function inboundContent(
  ctx: ServiceContext,
  connection: ChannelConnectionRow,
  inbound: ChannelInboundRow,
  conversationId: string,
): Promise<string> {
  let media = inbound.media;
  if (!media) return inbound.text;
  if (!media.attachmentId && !media.error) {
    const adapter = adapterFor(connection.type);
    try {
      if (!adapter.downloadMedia) throw new PlatformError(`${connection.type} files are not fetched`, false);
      const credentials = openCredentials(ctx.tenantId, connection.id, connection.credentialsEnc);
      const bytes = await adapter.downloadMedia(credentials, media, maxBytes);
      const row = await addAttachment(
        ctx,
        conversationId,
        { bytes, name: media.name ?? 'file' },
        { enabled: true, images: true, files: true, maxBytes, hardLimitBytes: maxBytes, audio: true },
      );
      media = { ...media, attachmentId: row.id, name: row.name };
    } catch (error) {
      const permanent =
        (error instanceof PlatformError && !error.retryable) || (error instanceof AppError && error.status < 500);
      if (!permanent) throw error;
      media = { ...media, error: (error as Error).message.slice(0, 300) };
    }
    const kept = media;
    await withTenant(ctx, (tx) =>
      tx.db.update(channelInbound).set({ media: kept }).where(eq(channelInbound.id, inbound.id)),
    );
  }
  const file = media.attachmentId
    ? `[📎 ${media.name ?? 'file'}](attachment:${media.attachmentId})`
    : `(The customer sent ${KIND_NAMES[media.kind]} that could not be kept: ${media.error})`;
  return [inbound.text.trim(), file].filter(Boolean).join('\n\n');
}
