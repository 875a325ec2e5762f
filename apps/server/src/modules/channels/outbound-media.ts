import { and, eq } from 'drizzle-orm';
import { fileStorage } from '../../platform/storage';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { widgetAttachments } from '../widget';
import type { Credentials } from './credentials';
import { PlatformError } from './platforms';
import type { PlatformAdapter } from './platforms/types';
import { channelThreads, type ChannelOutboundRow } from './schema';

/** `[📎 name](attachment:fil_…)`, how a message refers to a file of its conversation. */
const ATTACHMENT_LINK = /\[📎[^\]]*\]\(attachment:(fil_[0-9a-z]{26})\)/;

/** The first file a message refers to, and the rest of its text (the file's caption). */
export function attachmentOf(content: string): { attachmentId: string; caption: string } | null {
  const match = ATTACHMENT_LINK.exec(content);
  if (!match) return null;
  return { attachmentId: match[1]!, caption: content.replace(match[0], '').trim() };
}

/**
 * A template or a file, sent as the platform's own message kind; the platform's id for it.
 * A platform without the kind refuses permanently (the message is marked failed, not retried).
 */
export async function sendSpecial(
  ctx: ServiceContext,
  adapter: PlatformAdapter<Credentials>,
  credentials: Credentials,
  out: ChannelOutboundRow,
): Promise<string | undefined> {
  if (out.template) {
    if (!adapter.sendTemplate) throw new PlatformError(`${adapter.type} has no message templates`, false);
    return (await adapter.sendTemplate(credentials, out.threadKey, out.template)) ?? undefined;
  }
  if (!adapter.sendFile) throw new PlatformError(`${adapter.type}: files can't be sent here`, false);
  // Only a file of this thread's own conversation: a link can't reach another conversation's.
  const [file] = await withTenant(ctx, (tx) =>
    tx.db
      .select({ file: widgetAttachments })
      .from(widgetAttachments)
      .innerJoin(
        channelThreads,
        and(
          eq(channelThreads.conversationId, widgetAttachments.conversationId),
          eq(channelThreads.connectionId, out.connectionId),
          eq(channelThreads.threadKey, out.threadKey),
        ),
      )
      .where(eq(widgetAttachments.id, out.attachmentId!)),
  ).then((rows) => rows.map((r) => r.file));
  if (!file) throw new PlatformError('The file was deleted before it could be sent', false);
  const bytes = await fileStorage().get(file.storageKey);
  const sent = await adapter.sendFile(credentials, out.threadKey, {
    bytes,
    name: file.name,
    mediaType: file.mediaType.split(';')[0]!,
    kind: file.kind,
    ...(out.text.trim() && { caption: out.text.trim() }),
  });
  return sent ?? undefined;
}
