import { z } from 'zod';
import { defineJob } from '../../platform/jobs';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { summarizeConversation } from './copilot/summary';
import { writeNote } from './notes';
import type { InboxNoteRow } from './schema';

/**
 * Summarizes the conversation into a `summary` note. The model call holds no transaction;
 * a dedupe key makes a retried job's note once-only.
 */
export async function writeSummaryNote(
  ctx: ServiceContext,
  conversationId: string,
  options: { authorId: string | null; dedupeKey?: string },
): Promise<InboxNoteRow | null> {
  assertCan(ctx, 'conversations.reply');
  const summary = await summarizeConversation(ctx, conversationId);
  return withTenant(ctx, (tx) =>
    writeNote(tx, ctx, conversationId, { content: summary.content, kind: 'summary', ...options }),
  );
}

/** The summary a member finds at takeover (enqueued with the takeover or assignment). */
export const summarizeJob = defineJob({
  name: 'inbox.summarize',
  data: z.object({ tenantId: z.string(), conversationId: z.string() }),
  retryLimit: 2,
  async handler({ tenantId, conversationId }, meta) {
    await writeSummaryNote(systemContext(tenantId, 'inbox.summarize'), conversationId, {
      authorId: null,
      dedupeKey: `summary:${meta.jobId}`,
    });
  },
});
