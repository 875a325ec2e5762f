import { eq } from 'drizzle-orm';
import { templateReplyInput } from '@switchboard/contract/channels';
import type { z } from 'zod';
import { ConflictError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enqueue } from '../../platform/jobs';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { getConversation } from '../chat';
import { openCredentials, type WhatsappCredentials } from './credentials';
import { PlatformError } from './platforms';
import { callPlatform } from './platforms/http';
import { sendJob } from './outbound';
import { channelApis, GRAPH_VERSION, WHATSAPP_WINDOW_MS } from './settings';
import { channelConnections, channelOutbound, channelThreads, type ChannelTemplateSend } from './schema';

export interface TemplateView {
  name: string;
  language: string;
  category: string | null;
  body: string;
  parameterCount: number;
}

interface GraphTemplate {
  name?: string;
  language?: string;
  status?: string;
  category?: string;
  components?: { type?: string; text?: string }[];
}

/** The variables of a body: {{1}}, {{2}}… (positional, as Meta numbers them). */
const parameterCount = (body: string) =>
  Math.max(0, ...[...body.matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => Number(m[1])));

async function whatsappThread(ctx: ServiceContext, conversationId: string) {
  await getConversation(ctx, conversationId);
  const [found] = await withTenant(ctx, (tx) =>
    tx.db
      .select({ thread: channelThreads, connection: channelConnections })
      .from(channelThreads)
      .innerJoin(channelConnections, eq(channelConnections.id, channelThreads.connectionId))
      .where(eq(channelThreads.conversationId, conversationId)),
  );
  if (found?.connection.type !== 'whatsapp')
    throw new ConflictError('Message templates are for WhatsApp conversations.', 'not_whatsapp');
  return found;
}

/**
 * The approved templates of the conversation's WhatsApp Business Account (Graph
 * `GET /{waba-id}/message_templates`), with whether a free-text reply is still allowed.
 */
export async function listChannelTemplates(
  ctx: ServiceContext,
  conversationId: string,
): Promise<{ windowOpen: boolean; windowClosesAt: string | null; templates: TemplateView[] }> {
  assertCan(ctx, 'conversations.reply');
  const { thread, connection } = await whatsappThread(ctx, conversationId);
  const credentials = openCredentials<WhatsappCredentials>(ctx.tenantId, connection.id, connection.credentialsEnc);
  const closesAt = new Date(thread.lastInboundAt.getTime() + WHATSAPP_WINDOW_MS);
  const templates = await fetchTemplates(credentials);
  return { windowOpen: closesAt.getTime() > Date.now(), windowClosesAt: closesAt.toISOString(), templates };
}

async function fetchTemplates(credentials: WhatsappCredentials): Promise<TemplateView[]> {
  if (!credentials.businessAccountId)
    throw new ConflictError(
      'Add the WhatsApp Business Account id to this connection to use message templates.',
      'templates_not_configured',
    );
  const url = `${channelApis().metaGraph}/${GRAPH_VERSION}/${encodeURIComponent(credentials.businessAccountId)}/message_templates?fields=name,language,status,category,components&status=APPROVED&limit=200`;
  const response = await callPlatform(url, { headers: { authorization: `Bearer ${credentials.accessToken}` } });
  if (response.status >= 300) {
    const message = (response.body as { error?: { message?: string } } | null)?.error?.message;
    throw new PlatformError(`WhatsApp: ${message ?? `HTTP ${response.status}`}`, response.status >= 500);
  }
  const data = ((response.body as { data?: GraphTemplate[] } | null)?.data ?? []).filter(
    (t) => t.status === 'APPROVED' && t.name && t.language,
  );
  return data.map((t) => {
    const body = t.components?.find((c) => c.type === 'BODY')?.text ?? '';
    return {
      name: t.name!,
      language: t.language!,
      category: t.category ?? null,
      body,
      parameterCount: parameterCount(body),
    };
  });
}

/**
 * A template reply checked against the account's approved templates (name, language, one
 * value per variable) and rendered as the customer will read it (the inbox shows that text).
 */
export async function prepareTemplateReply(
  ctx: ServiceContext,
  conversationId: string,
  input: z.input<typeof templateReplyInput>,
): Promise<{ text: string; template: ChannelTemplateSend }> {
  assertCan(ctx, 'conversations.reply');
  const data = templateReplyInput.parse(input);
  const { connection } = await whatsappThread(ctx, conversationId);
  const credentials = openCredentials<WhatsappCredentials>(ctx.tenantId, connection.id, connection.credentialsEnc);
  const found = (await fetchTemplates(credentials)).find((t) => t.name === data.name && t.language === data.language);
  if (!found)
    throw new ValidationError(
      'There is no approved template with this name and language.',
      undefined,
      'unknown_template',
    );
  if (data.parameters.length !== found.parameterCount)
    throw new ValidationError(
      `This template has ${found.parameterCount} variable(s): fill in each one.`,
      undefined,
      'template_parameters',
    );
  const text = found.body.replace(/\{\{\s*(\d+)\s*\}\}/g, (_, n: string) => data.parameters[Number(n) - 1] ?? '');
  return { text, template: { name: data.name, language: data.language, parameters: data.parameters } };
}

/**
 * The template's queue row, written before the message's own `message.created` would queue
 * it as text (the send queue is unique per message, so that one is then a no-op).
 */
export async function queueTemplateInTx(
  tx: Tx,
  tenantId: string,
  conversationId: string,
  messageId: string,
  prepared: { text: string; template: ChannelTemplateSend },
): Promise<void> {
  const [thread] = await tx.db.select().from(channelThreads).where(eq(channelThreads.conversationId, conversationId));
  if (!thread) return;
  const [row] = await tx.db
    .insert(channelOutbound)
    .values({
      tenantId,
      id: newId('cho'),
      connectionId: thread.connectionId,
      threadKey: thread.threadKey,
      messageId,
      text: prepared.text,
      template: prepared.template,
    })
    .onConflictDoNothing()
    .returning({ id: channelOutbound.id });
  if (row) await enqueue(tx, sendJob, { tenantId, outboundId: row.id });
}
