import { workspaceName } from '@switchboard/contract/tenants';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../../platform/ids';
import { withPlatform } from '../../platform/tenancy';
import { tenants, type Tenant } from './schema';

/** The same name rule as a workspace's (the CLI creates workspaces with it). */
export const createTenantInput = z.object({ name: workspaceName });

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/** Set at start-up by the plans module (DEFAULT_PLAN, or what the payment set-up implies). */
let defaultPlan = 'unlimited';

export function setDefaultPlan(planId: string): void {
  defaultPlan = planId;
}

/**
 * SQL: the plan a new workspace gets. A default that names no plan (a typo in DEFAULT_PLAN, a
 * plan since deleted) must not stop sign-ups: such a workspace starts unlimited, and the
 * operator sees its plan.
 */
export function newWorkspacePlan() {
  return sql<string>`COALESCE((SELECT id FROM plans WHERE id = ${defaultPlan}), 'unlimited')`;
}

/** Registers a tenant. The slug gets a short suffix so that names need not be unique. */
export async function createTenant(input: z.input<typeof createTenantInput>): Promise<Tenant> {
  const { name } = createTenantInput.parse(input);
  const id = newId('ten');
  const slug = `${slugify(name)}-${id.slice(-6)}`;
  return withPlatform(async (tx) => {
    const [row] = await tx.db.insert(tenants).values({ id, name, slug, plan: newWorkspacePlan() }).returning();
    return row!;
  });
}
