import type { PlanFeature, PlanFeatures, PlanLimit, PlanLimits } from '@switchboard/contract/plans';
import { FeatureNotInPlanError, PlanLimitError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { queueLimitNotice } from './limit-notices';
import { COUNTED_SQL, type CountedLimit } from './usage-counts';
import { getWorkspacePlan } from './workspace-plan';

export interface PlanInTx {
  id: string;
  name: string;
  limits: PlanLimits;
  features: PlanFeatures;
}

/** The workspace's plan as the transaction sees it (current_workspace_plan: a view over platform rows). */
export async function planInTransaction(tx: Tx): Promise<PlanInTx | null> {
  const { rows } = await tx.query<PlanInTx>('SELECT id, name, limits, features FROM current_workspace_plan');
  return rows[0] ?? null;
}

/** How much of a counted limit the workspace uses now (inside its transaction). */
export async function countUsed(tx: Tx, limit: CountedLimit): Promise<number> {
  const { rows } = await tx.query<{ used: string | number }>(COUNTED_SQL[limit]);
  return Number(rows[0]?.used ?? 0);
}

const limitNames: Record<CountedLimit, string> = {
  agents: 'agents',
  members: 'members (invitations included)',
  knowledgeSources: 'knowledge sources',
  storedBytes: 'bytes of stored files',
  channels: 'channels',
  webhookEndpoints: 'webhook endpoints',
  customActions: 'custom actions',
};

/**
 * Refuses (402 limit_exceeded) a create that would take the workspace past its plan's limit.
 * Call it in the creating transaction, before the insert: concurrent creates of the same
 * workspace and limit wait for each other here (a transaction-scoped advisory lock held until
 * commit), so at the boundary exactly one of them passes. `adding` is what the create adds
 * (1, or a file's bytes; 0 when it turns something already counted into something else, such
 * as an accepted invitation). At 80 % and 100 % the owners are mailed, once a month.
 */
export async function assertWithinLimit(tx: Tx, ctx: ServiceContext, limit: CountedLimit, adding = 1): Promise<void> {
  const plan = await planInTransaction(tx);
  const max = plan?.limits[limit];
  if (!plan || max === null || max === undefined) return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('plan-limit:' || $1::text || ':' || $2::text))`, [
    ctx.tenantId,
    limit,
  ]);
  const used = await countUsed(tx, limit);
  if (used + adding > max) throw new PlanLimitError(limit, used, max, plan.id, limitNames[limit]);
  await queueLimitNotice(tx, { limit, used: used + adding, max, planName: plan.name });
}

/** Whether the plan includes a feature (a workspace whose plan cannot be read has none). */
export function planHas(plan: { features: PlanFeatures } | null, feature: PlanFeature): boolean {
  return plan?.features[feature] === true;
}

/**
 * Refuses (403 feature_not_in_plan) what the workspace's plan does not include. Reads the
 * cached plan (outside any transaction: call it before withTenant), so a change made on this
 * process applies at once, on others within seconds.
 */
export async function assertFeature(ctx: Pick<ServiceContext, 'tenantId'>, feature: PlanFeature): Promise<void> {
  const plan = await getWorkspacePlan(ctx.tenantId);
  if (plan && !planHas(plan, feature)) throw new FeatureNotInPlanError(feature, plan.id);
}

/** The same check inside a transaction (the plan read through it). */
export async function assertFeatureInTransaction(tx: Tx, feature: PlanFeature): Promise<void> {
  const plan = await planInTransaction(tx);
  if (plan && !planHas(plan, feature)) throw new FeatureNotInPlanError(feature, plan.id);
}

/** Scheduled reports (built by another module): their create calls this before saving one. */
export const assertScheduledReports = (ctx: Pick<ServiceContext, 'tenantId'>) => assertFeature(ctx, 'scheduledReports');

export type { CountedLimit, PlanLimit };
