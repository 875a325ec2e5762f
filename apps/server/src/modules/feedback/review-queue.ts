import { sql, type SQL } from 'drizzle-orm';
import { REVIEW_KINDS, reviewQueueQuery } from '@switchboard/contract/feedback';
import type { z } from 'zod';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { limitedAgents } from '../agents';
import type { Citation } from '../chat';

export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface ReviewItem {
  id: string;
  kind: ReviewKind;
  agentId: string | null;
  conversationId: string | null;
  question: string;
  answer: string | null;
  passages: Citation[];
  misleadingPassage: Citation | null;
  down: number;
  up: number;
  comments: string[];
  reason: string | null;
  at: Date;
}

const LIMIT = 200;

/** Only the agents a limited key reaches; everyone else sees the whole workspace. */
function agentFilter(ctx: ServiceContext, column: SQL, agentId: string | undefined): SQL {
  const mine = limitedAgents(ctx);
  const parts: SQL[] = [];
  if (mine)
    parts.push(
      mine.length
        ? sql`${column} IN (${sql.join(
            mine.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  if (agentId) parts.push(sql`${column} = ${agentId}`);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

const idFilter = (column: SQL, id: string | undefined) => (id ? sql`${column} = ${id}` : sql`true`);

interface Row {
  id: string;
  agent_id: string | null;
  conversation_id: string | null;
  question: string | null;
  answer: string | null;
  citations: Citation[] | string | null;
  down: number | string;
  up: number | string;
  comments: string[] | null;
  reason: string | null;
  at: Date | string;
}

function item(kind: ReviewKind, row: Row): ReviewItem {
  const raw = typeof row.citations === 'string' ? (JSON.parse(row.citations) as Citation[]) : (row.citations ?? []);
  const passages = [...raw].sort((a, b) => a.index - b.index);
  return {
    id: row.id,
    kind,
    agentId: row.agent_id,
    conversationId: row.conversation_id,
    question: row.question ?? '',
    answer: row.answer,
    passages,
    // The answer quotes its first citation first: when the answer was wrong, that passage led it.
    misleadingPassage: passages[0] ?? null,
    down: Number(row.down),
    up: Number(row.up),
    comments: row.comments ?? [],
    reason: row.reason,
    at: new Date(row.at),
  };
}

async function ratedDown(tx: Tx, ctx: ServiceContext, agentId?: string, id?: string) {
  const { rows } = await tx.db.execute(sql`
    SELECT m.id, c.agent_id, c.id AS conversation_id, q.content AS question, m.content AS answer, m.citations,
           count(*) FILTER (WHERE f.rating = 'down') AS down, count(*) FILTER (WHERE f.rating = 'up') AS up,
           array_remove(array_agg(f.comment ORDER BY f.updated_at DESC) FILTER (WHERE f.rating = 'down'), NULL) AS comments,
           NULL::text AS reason, max(f.updated_at) AS at
      FROM answer_feedback f
      JOIN messages m ON m.tenant_id = f.tenant_id AND m.id = f.message_id
      JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
      LEFT JOIN messages q ON q.tenant_id = m.tenant_id AND q.id = m.reply_to
     WHERE ${idFilter(sql`m.id`, id)} AND ${agentFilter(ctx, sql`c.agent_id`, agentId)}
       AND NOT EXISTS (SELECT 1 FROM review_marks r WHERE r.tenant_id = m.tenant_id AND r.item_id = m.id)
     GROUP BY m.id, c.agent_id, c.id, q.content, m.content, m.citations
    HAVING count(*) FILTER (WHERE f.rating = 'down') > 0
     ORDER BY at DESC LIMIT ${LIMIT}`);
  return (rows as unknown as Row[]).map((r) => item('rated_down', r));
}

/** Conversations handed to a person (tests in the playground aside): the question that led there, and the bot's last answer before it. */
async function handedOff(tx: Tx, ctx: ServiceContext, agentId?: string, id?: string) {
  const { rows } = await tx.db.execute(sql`
    SELECT c.id, c.agent_id, c.id AS conversation_id, q.content AS question, a.content AS answer, a.citations,
           0 AS down, 0 AS up, NULL::text[] AS comments, c.handoff_reason AS reason, c.handoff_at AS at
      FROM conversations c
      LEFT JOIN LATERAL (SELECT content, created_at FROM messages
                          WHERE tenant_id = c.tenant_id AND conversation_id = c.id AND role = 'user' AND created_at <= c.handoff_at
                          ORDER BY created_at DESC, id DESC LIMIT 1) q ON true
      LEFT JOIN LATERAL (SELECT content, citations FROM messages
                          WHERE tenant_id = c.tenant_id AND conversation_id = c.id AND role = 'assistant' AND content <> '' AND created_at < c.handoff_at
                          ORDER BY created_at DESC, id DESC LIMIT 1) a ON true
     WHERE c.handoff_at IS NOT NULL AND c.channel <> 'playground'
       AND ${idFilter(sql`c.id`, id)} AND ${agentFilter(ctx, sql`c.agent_id`, agentId)}
       AND NOT EXISTS (SELECT 1 FROM review_marks r WHERE r.tenant_id = c.tenant_id AND r.item_id = c.id)
     ORDER BY c.handoff_at DESC LIMIT ${LIMIT}`);
  return (rows as unknown as Row[]).map((r) => item('handed_off', r));
}

/** Open unanswered questions (knowledge gaps), with what the bot said to each. */
async function unanswered(tx: Tx, ctx: ServiceContext, agentId?: string, id?: string) {
  const { rows } = await tx.db.execute(sql`
    SELECT g.id, g.agent_id, g.conversation_id, g.question, a.content AS answer, a.citations,
           0 AS down, 0 AS up, NULL::text[] AS comments, NULL::text AS reason, g.created_at AS at
      FROM knowledge_gaps g
      LEFT JOIN LATERAL (SELECT m.content, m.citations FROM messages m
                           JOIN messages u ON u.tenant_id = m.tenant_id AND u.id = m.reply_to
                          WHERE m.tenant_id = g.tenant_id AND m.conversation_id = g.conversation_id AND m.role = 'assistant' AND u.content = g.question
                          ORDER BY m.created_at DESC LIMIT 1) a ON true
     WHERE g.status = 'open' AND ${idFilter(sql`g.id`, id)} AND ${agentFilter(ctx, sql`g.agent_id`, agentId)}
     ORDER BY g.created_at DESC LIMIT ${LIMIT}`);
  return (rows as unknown as Row[]).map((r) => item('unanswered', r));
}

const READERS = { rated_down: ratedDown, handed_off: handedOff, unanswered } as const;

/** The kind of queue item an id names, by its prefix. */
export function kindOf(id: string): ReviewKind | null {
  if (id.startsWith('msg_')) return 'rated_down';
  if (id.startsWith('conv_')) return 'handed_off';
  if (id.startsWith('gap_')) return 'unanswered';
  return null;
}

/** Answers rated down, conversations handed off and unanswered questions, the newest first. */
export async function reviewQueue(
  ctx: ServiceContext,
  input: z.input<typeof reviewQueueQuery> = {},
): Promise<ReviewItem[]> {
  assertCan(ctx, 'knowledge.write');
  const q = reviewQueueQuery.parse(input);
  const kinds = q.kind ? [q.kind] : REVIEW_KINDS;
  return withTenant(ctx, async (tx) => {
    const items: ReviewItem[] = [];
    for (const kind of kinds) items.push(...(await READERS[kind](tx, ctx, q.agentId)));
    return items.sort((a, b) => b.at.getTime() - a.at.getTime());
  });
}

/** One open item of the queue, read in the caller's transaction (null: not in the queue). */
export async function openItem(tx: Tx, ctx: ServiceContext, id: string): Promise<ReviewItem | null> {
  const kind = kindOf(id);
  if (!kind) return null;
  const [found] = await READERS[kind](tx, ctx, undefined, id);
  return found ?? null;
}
