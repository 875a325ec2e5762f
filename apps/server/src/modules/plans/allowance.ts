import { TtlCache } from '../../platform/cache/ttl-cache';
import { currentTransaction, detachedFromTransaction, withTenant } from '../../platform/tenancy';
import { planInTransaction } from './enforce';
import { rootLogger } from '../../platform/log';
import { noteMeteredUse } from './limit-notices';
import { readPlanSettings, type PlanSettings } from './settings';
import { getWorkspacePlan } from './workspace-plan';

/** The month's metered use of a workspace, as this process knows it. */
export interface MonthlyUse {
  /** The workspace's calendar month (its business hours' time zone), e.g. 2026-12. */
  period: string;
  endsAt: number;
  messages: number;
  costUsd: number;
  settings: PlanSettings;
}

/**
 * Read from the database every 30 s at most per workspace (in the background while the workspace
 * keeps chatting) and counted up here after each answer this process stores, so the chat path
 * never scans: another process's answers are seen at the next read.
 */
const cache = new TtlCache<string, MonthlyUse>({ ttlMs: 30_000, max: 10_000, refreshAheadMs: 5_000 });

// Answers stored by finishTurn (latency_ms set), not the playground's (not in the usage either).
const MONTH_SQL = `
WITH zone AS (SELECT coalesce((SELECT settings->'businessHours'->>'timezone' FROM handoff_settings), 'UTC') AS name),
     month AS (SELECT date_trunc('month', now() AT TIME ZONE zone.name) AS local_start, zone.name FROM zone)
SELECT to_char(month.local_start, 'YYYY-MM') AS period,
       ((month.local_start + interval '1 month') AT TIME ZONE month.name) AS ends_at,
       (SELECT count(*) FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
         WHERE m.tenant_id = current_setting('app.tenant_id', true) AND m.role = 'assistant' AND m.latency_ms IS NOT NULL
           AND m.created_at >= (month.local_start AT TIME ZONE month.name) AND c.channel <> 'playground') AS messages,
       (SELECT coalesce(sum(m.cost_usd), 0) FROM messages m JOIN conversations c ON c.tenant_id = m.tenant_id AND c.id = m.conversation_id
         WHERE m.tenant_id = current_setting('app.tenant_id', true) AND m.role = 'assistant' AND m.latency_ms IS NOT NULL
           AND m.created_at >= (month.local_start AT TIME ZONE month.name) AND c.channel <> 'playground') AS cost
  FROM month`;

async function load(tenantId: string): Promise<MonthlyUse> {
  return withTenant({ tenantId }, async (tx) => {
    const { rows } = await tx.query<{ period: string; ends_at: Date | string; messages: string; cost: string }>(
      MONTH_SQL,
    );
    const row = rows[0]!;
    return {
      period: row.period,
      endsAt: new Date(row.ends_at).getTime(),
      messages: Number(row.messages),
      costUsd: Number(row.cost),
      settings: await readPlanSettings(tx),
    };
  });
}

/** The workspace's use this month (cached; a new month reads again). Call outside a transaction. */
export async function monthlyUse(tenantId: string): Promise<MonthlyUse> {
  const hit = await cache.read(
    tenantId,
    () => load(tenantId),
    () => detachedFromTransaction(() => load(tenantId)),
  );
  if (hit && hit.endsAt > Date.now()) return hit;
  cache.delete(tenantId);
  const fresh = await load(tenantId);
  cache.set(tenantId, fresh);
  return fresh;
}

export function forgetMonthlyUse(tenantId?: string): void {
  if (tenantId) cache.delete(tenantId);
  else cache.deleteWhere(() => true);
}

/** What the chat engine may do now: answer, answer with a model, and whether this answer is overage. */
export interface Allowance {
  /** The message allowance is used up and the workspace chose the polite notice. */
  refuse: boolean;
  /** The model-spend cap is reached: answers continue without a model (curated, extractive). */
  modelAllowed: boolean;
  overage: boolean;
}

export const UNLIMITED: Allowance = { refuse: false, modelAllowed: true, overage: false };

/** The chat path's check: two cached reads and a few comparisons (no query when warm). */
export async function chatAllowance(tenantId: string): Promise<Allowance> {
  // A turn begun inside the workspace's transaction (the OpenAI-compatible seeded turn) reads the
  // plan through it: a platform transaction may not open inside a tenant one.
  const tx = currentTransaction();
  const plan = tx ? await planInTransaction(tx) : await getWorkspacePlan(tenantId);
  const messages = plan?.limits.messagesPerMonth;
  const spend = plan?.limits.modelSpendUsdPerMonth;
  if ((messages === null || messages === undefined) && (spend === null || spend === undefined)) return UNLIMITED;
  const use = await monthlyUse(tenantId);
  const exhausted = messages !== null && messages !== undefined && use.messages >= messages;
  return {
    refuse: exhausted && use.settings.limitBehaviour === 'notice',
    modelAllowed: spend === null || spend === undefined || use.costUsd < spend,
    overage: exhausted,
  };
}

/**
 * An answer this process stored: counted at once here, and the owners mailed when the month's
 * messages or spend cross 80 % or 100 % (once per month: plan_limit_notices).
 */
export function recordAnswer(tenantId: string, costUsd: number): void {
  const use = cache.get(tenantId);
  if (!use) return;
  use.messages += 1;
  use.costUsd = Math.round((use.costUsd + costUsd) * 1e6) / 1e6;
  void detachedFromTransaction(() => noticeIfCrossed(tenantId, use)).catch((err: unknown) =>
    rootLogger().warn({ err, tenantId }, 'limit notice failed'),
  );
}

const crossed = (used: number, max: number, before: number) =>
  [80, 100].some((t) => used * 100 >= max * t && before * 100 < max * t);

async function noticeIfCrossed(tenantId: string, use: MonthlyUse): Promise<void> {
  const plan = await getWorkspacePlan(tenantId);
  if (!plan) return;
  const messages = plan.limits.messagesPerMonth;
  if (messages && crossed(use.messages, messages, use.messages - 1))
    await noteMeteredUse(tenantId, {
      limit: 'messagesPerMonth',
      used: use.messages,
      max: messages,
      planName: plan.name,
      period: use.period,
    });
  const spend = plan.limits.modelSpendUsdPerMonth;
  if (spend && use.costUsd * 100 >= spend * 80)
    await noteMeteredUse(tenantId, {
      limit: 'modelSpendUsdPerMonth',
      used: use.costUsd,
      max: spend,
      planName: plan.name,
      period: use.period,
    });
}
