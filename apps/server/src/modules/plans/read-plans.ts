import type { Plan } from '@switchboard/contract/plans';
import { asc, eq } from 'drizzle-orm';
import { withPlatform } from '../../platform/tenancy';
import { plans, type PlanRow } from './schema';

export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    public: row.public,
    archived: row.archived,
    position: row.position,
    trialDays: row.trialDays,
    graceDays: row.graceDays,
    prices: row.prices,
    limits: row.limits,
    features: row.features,
  };
}

/** The whole catalog in display order (archived plans included: workspaces may still be on them). */
export async function listPlans(): Promise<Plan[]> {
  const rows = await withPlatform((tx) => tx.db.select().from(plans).orderBy(asc(plans.position), asc(plans.id)));
  return rows.map(toPlan);
}

export async function findPlan(planId: string): Promise<Plan | null> {
  const [row] = await withPlatform((tx) => tx.db.select().from(plans).where(eq(plans.id, planId)));
  return row ? toPlan(row) : null;
}
