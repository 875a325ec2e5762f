import type { WebhookEventType } from '@switchboard/contract/webhooks';
import type { Tx } from '../../platform/tenancy';

/**
 * From the outbox's events to the webhook catalog. The outbox speaks in the platform's own
 * words (`conversation.taken_over`, roles `user`/`assistant`/`human`); receivers get the
 * documented catalog, built field by field so nothing internal leaks into a payload.
 */
export const SOURCE_EVENTS = [
  'conversation.created',
  'conversation.closed',
  'conversation.reopened',
  'conversation.handoff_requested',
  'conversation.assigned',
  'conversation.taken_over',
  'conversation.released',
  'message.created',
  'lead.created',
  'lead.updated',
  'lead.deleted',
  'csat.submitted',
  'knowledge.source.ready',
  'knowledge.source.failed',
  'agent.published',
] as const;

const RENAMED: Record<string, WebhookEventType> = {
  'conversation.taken_over': 'takeover.started',
  'conversation.released': 'takeover.ended',
};
const AUTHORS: Record<string, 'visitor' | 'bot' | 'person'> = { user: 'visitor', assistant: 'bot', human: 'person' };
const MAX_TEXT = 10_000;

type Payload = Record<string, unknown>;
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const num = (value: unknown) => (typeof value === 'number' ? value : null);

async function channelOf(tx: Tx, conversationId: unknown): Promise<string | null> {
  if (typeof conversationId !== 'string') return null;
  const { rows } = await tx.query<{ channel: string }>('SELECT channel FROM conversations WHERE id = $1', [
    conversationId,
  ]);
  return rows[0]?.channel ?? null;
}

async function conversationRef(tx: Tx, p: Payload) {
  return {
    conversationId: str(p.conversationId),
    agentId: str(p.agentId),
    channel: str(p.channel) ?? (await channelOf(tx, p.conversationId)),
  };
}

async function messageData(tx: Tx, p: Payload) {
  const author = AUTHORS[String(p.role)];
  if (!author) return null;
  const { rows } = await tx.query<{ content: string; agent_id: string; channel: string }>(
    `SELECT m.content, c.agent_id, c.channel FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = $1`,
    [p.messageId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    conversationId: str(p.conversationId),
    agentId: row.agent_id,
    channel: row.channel,
    messageId: str(p.messageId),
    author,
    authorId: author === 'person' ? str(p.authorId) : null,
    text: row.content.slice(0, MAX_TEXT),
  };
}

/** The webhook event for an outbox event, or null when the catalog has none for it. */
export async function toWebhookEvent(
  tx: Tx,
  type: string,
  p: Payload,
): Promise<{ type: WebhookEventType; data: Payload } | null> {
  switch (type) {
    case 'conversation.created':
      return { type, data: await conversationRef(tx, p) };
    case 'conversation.closed':
    case 'conversation.reopened':
    case 'conversation.handoff_requested':
    case 'conversation.assigned':
    case 'conversation.taken_over':
    case 'conversation.released': {
      const by = (p.by ?? {}) as Payload;
      return {
        type: RENAMED[type] ?? (type as WebhookEventType),
        data: {
          ...(await conversationRef(tx, p)),
          from: str(p.from),
          status: str(p.status),
          assigneeId: str(p.assigneeId),
          previousAssigneeId: str(p.previousAssigneeId),
          by: { type: str(by.type), id: str(by.id) },
          reason: str(p.reason),
        },
      };
    }
    case 'message.created': {
      const data = await messageData(tx, p);
      return data && { type, data };
    }
    case 'lead.created':
      return {
        type,
        data: {
          leadId: str(p.leadId),
          conversationId: str(p.conversationId),
          agentId: str(p.agentId),
          source: str(p.source),
        },
      };
    case 'lead.updated':
      return {
        type,
        data: {
          leadId: str(p.leadId),
          conversationId: str(p.conversationId),
          agentId: str(p.agentId),
          changes: Array.isArray(p.changes) ? p.changes.map(String) : [],
          status: str(p.status),
        },
      };
    case 'lead.deleted':
      return { type, data: { leadId: str(p.leadId), conversationId: str(p.conversationId), agentId: str(p.agentId) } };
    case 'csat.submitted':
      return { type, data: { conversationId: str(p.conversationId), agentId: str(p.agentId), rating: num(p.rating) } };
    case 'knowledge.source.ready':
      return {
        type,
        data: { sourceId: str(p.sourceId), kind: str(p.kind), title: str(p.title), chunkCount: num(p.chunkCount) ?? 0 },
      };
    case 'knowledge.source.failed':
      return {
        type,
        data: {
          sourceId: str(p.sourceId),
          kind: str(p.kind),
          title: str(p.title),
          error: str(p.error),
          keptLastGood: p.keptLastGood === true,
        },
      };
    case 'agent.published':
      return {
        type,
        data: {
          agentId: str(p.agentId),
          version: num(p.version),
          previousVersion: num(p.previousVersion),
          note: str(p.note),
        },
      };
    default:
      return null;
  }
}
