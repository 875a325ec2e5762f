import type { BusinessHours } from '@switchboard/contract/escalation';
import type { Tx } from '../../platform/tenancy';
import { readHandoffSettings } from '../escalation';
import { normalizeQuestion } from '../knowledge';
import { openSeconds } from './open-time';

/** Upper edges (ms) of the answer-latency histogram: percentiles read from it are bucket edges. */
export const LATENCY_BOUNDS = [500, 1000, 2000, 4000, 8000, 16000, 32000] as const;

/**
 * A conversation nobody from the team touched and nobody wrote in for this long counts as
 * resolved by the bot, as if it had been closed: visitors rarely close a chat.
 */
export const IDLE_SECONDS = 24 * 3600;

/** A daily rollup row's key: where a conversation's numbers count. */
export interface DayKey {
  day: string;
  agentId: string;
  channel: string;
}

/** The hand-off `source` (modules/chat/handoff.ts) as the cause analytics reports. */
export function handoffCause(source: unknown): string {
  switch (source) {
    case 'visitor':
    case 'rule:intent':
      return 'visitor';
    case 'tool':
      return 'tool';
    case 'rule:keyword':
      return 'keyword';
    case 'rule:unanswered':
      return 'unanswered';
    case 'rule:sentiment':
      return 'sentiment';
    case 'rule:vip':
      return 'vip';
    case 'api':
    case 'apiKey':
      return 'api';
    case 'user':
      return 'team';
    default:
      return 'other';
  }
}

/** The workspace's business hours: their time zone (UTC by default) is the one days are counted in. */
export async function workspaceHours(tx: Tx): Promise<BusinessHours> {
  return (await readHandoffSettings(tx)).businessHours;
}

export async function workspaceTimeZone(tx: Tx): Promise<string> {
  return (await workspaceHours(tx)).timezone;
}

/**
 * One writer of a workspace's analytics at a time: a rollup row is a sum of facts, and two
 * transactions summing the same day while each changes a conversation would each miss the
 * other's change.
 */
export async function lockAnalytics(tx: Tx): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('analytics:' || $1::text))`, [tx.tenantId]);
}

const UPSERT = `
INSERT INTO analytics_conversations AS a (tenant_id, conversation_id, agent_id, channel, day, started_at,
  visitor_messages, bot_messages, human_messages, handoff_cause, handed_off_at, first_response_seconds,
  resolution_seconds, bot_resolved, unanswered, csat, feedback_up, feedback_down, leads, tokens_in, tokens_out,
  cost_usd, latency_hist, first_question, question_key, idle_due_at, updated_at)
SELECT c.tenant_id, c.id, c.agent_id, c.channel, (c.created_at AT TIME ZONE $2)::date, c.created_at,
  m.visitor, m.bot, m.human,
  CASE WHEN h.at IS NOT NULL THEN coalesce(prev.handoff_cause, $3) END,
  h.at,
  $7::int, $8::int,
  -- Resolved by the bot: no person involved, and closed or quiet for the idle time.
  h.at IS NULL AND m.human = 0 AND c.assignee_id IS NULL
    AND (c.status = 'closed' OR coalesce(m.last_at, c.created_at) + make_interval(secs => $10) <= $9::timestamptz),
  (SELECT count(*) FROM knowledge_gaps g WHERE g.conversation_id = c.id),
  (SELECT r.rating FROM conversation_ratings r WHERE r.conversation_id = c.id),
  f.up, f.down,
  (SELECT count(*) FROM leads l WHERE l.conversation_id = c.id),
  m.tokens_in, m.tokens_out, m.cost,
  ARRAY(SELECT count(x.id)::int FROM generate_series(0, ${LATENCY_BOUNDS.length}) b
          LEFT JOIN messages x ON x.conversation_id = c.id AND x.role = 'assistant' AND x.latency_ms IS NOT NULL
                              AND width_bucket(x.latency_ms, $4::int[]) = b
         GROUP BY b ORDER BY b),
  $5, $6,
  CASE WHEN h.at IS NULL AND m.human = 0 AND c.assignee_id IS NULL AND c.status <> 'closed'
       THEN coalesce(m.last_at, c.created_at) + make_interval(secs => $10) END,
  now()
FROM conversations c
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE role = 'user') AS visitor, count(*) FILTER (WHERE role = 'assistant') AS bot,
                           count(*) FILTER (WHERE role = 'human') AS human, coalesce(sum(tokens_in), 0) AS tokens_in,
                           coalesce(sum(tokens_out), 0) AS tokens_out, coalesce(sum(cost_usd), 0) AS cost,
                           max(created_at) AS last_at
                      FROM messages WHERE conversation_id = c.id) m
CROSS JOIN LATERAL (SELECT min(created_at) AS at FROM conversation_transitions
                     WHERE conversation_id = c.id AND event = 'conversation.handoff_requested') h
CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE rating = 'up') AS up, count(*) FILTER (WHERE rating = 'down') AS down
                      FROM answer_feedback WHERE conversation_id = c.id AND source <> 'playground') f
LEFT JOIN analytics_conversations prev ON prev.conversation_id = c.id
WHERE c.id = $1 AND c.channel <> 'playground'
ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET
  agent_id = excluded.agent_id, channel = excluded.channel, day = excluded.day, started_at = excluded.started_at,
  visitor_messages = excluded.visitor_messages, bot_messages = excluded.bot_messages,
  human_messages = excluded.human_messages, handoff_cause = excluded.handoff_cause,
  handed_off_at = excluded.handed_off_at, first_response_seconds = excluded.first_response_seconds,
  resolution_seconds = excluded.resolution_seconds, bot_resolved = excluded.bot_resolved,
  unanswered = excluded.unanswered, csat = excluded.csat, feedback_up = excluded.feedback_up,
  feedback_down = excluded.feedback_down, leads = excluded.leads, tokens_in = excluded.tokens_in,
  tokens_out = excluded.tokens_out, cost_usd = excluded.cost_usd, latency_hist = excluded.latency_hist,
  first_question = excluded.first_question, question_key = excluded.question_key,
  idle_due_at = excluded.idle_due_at, updated_at = excluded.updated_at
RETURNING day::text AS day, agent_id, channel`;

type KeyRow = { day: string; agent_id: string; channel: string };
const toKey = (r: KeyRow): DayKey => ({ day: r.day, agentId: r.agent_id, channel: r.channel });

/**
 * Recomputes one conversation's facts from its own rows (messages, transitions, rating,
 * feedback, leads, unanswered questions), so an event applied twice, late or out of order
 * leaves the same row. Only the hand-off cause comes from the event (`cause`): the first one
 * known is kept. Returns the rollup rows to sum again: the old and the new day.
 */
export async function refreshConversationFacts(
  tx: Tx,
  conversationId: string,
  options: { hours: BusinessHours; cause?: string | null; now?: Date },
): Promise<DayKey[]> {
  const old = await tx.query<KeyRow>(
    'SELECT day::text AS day, agent_id, channel FROM analytics_conversations WHERE conversation_id = $1',
    [conversationId],
  );
  const question = await tx.query<{ content: string }>(
    `SELECT content FROM messages WHERE conversation_id = $1 AND role = 'user' ORDER BY created_at, id LIMIT 1`,
    [conversationId],
  );
  const content = question.rows[0]?.content ?? null;
  const times = await tx.query<{
    created_at: Date;
    closed_at: Date | null;
    status: string;
    handoff: Date | null;
    reply: Date | null;
  }>(
    `SELECT c.created_at, c.closed_at, c.status, h.at AS handoff,
            (SELECT min(x.created_at) FROM messages x WHERE x.conversation_id = c.id AND x.role = 'human' AND x.created_at >= h.at) AS reply
       FROM conversations c
       CROSS JOIN LATERAL (SELECT min(created_at) AS at FROM conversation_transitions
                            WHERE conversation_id = c.id AND event = 'conversation.handoff_requested') h
      WHERE c.id = $1`,
    [conversationId],
  );
  const t = times.rows[0];
  // Waiting counts only while the team is open (business hours, where set).
  const firstResponse =
    t?.handoff && t.reply ? openSeconds(options.hours, new Date(t.handoff), new Date(t.reply)) : null;
  const resolution =
    t?.status === 'closed' && t.closed_at
      ? openSeconds(options.hours, new Date(t.created_at), new Date(t.closed_at))
      : null;
  const key = content ? normalizeQuestion(content).slice(0, 200) || null : null;
  const { rows } = await tx.query<KeyRow>(UPSERT, [
    conversationId,
    options.hours.timezone,
    options.cause ?? null,
    LATENCY_BOUNDS,
    content?.slice(0, 500) ?? null,
    key,
    firstResponse,
    resolution,
    options.now ?? new Date(),
    IDLE_SECONDS,
  ]);
  // Gone (deleted) or a playground test: it counts nowhere.
  if (!rows[0]) await tx.query('DELETE FROM analytics_conversations WHERE conversation_id = $1', [conversationId]);
  const keys = [...old.rows, ...rows].map(toKey);
  return keys.filter(
    (k, i) => keys.findIndex((o) => o.day === k.day && o.agentId === k.agentId && o.channel === k.channel) === i,
  );
}
