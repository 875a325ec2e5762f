import { createPlan } from '../../src/modules/plans/manage-catalog';
import type { RouteCase, TenantFixture } from './route-cases';

let sequence = 0;
const root = { actor: { type: 'platformAdmin' as const, userId: 'usr_case', email: 'root@example.test' } };

/** A plan no workspace is on, for the catalog's edit and delete routes. */
const planOf = async () => {
  const plan = await createPlan(root, {
    id: `case-${process.pid}-${sequence++}`,
    name: 'Case',
    description: '',
    public: false,
    archived: false,
    position: 99,
    trialDays: 0,
    graceDays: 7,
    prices: [],
    limits: {},
    features: {},
  });
  return { id: plan.id };
};

/** The plans module's routes (catalog for the platform administrator, the workspace's meters). */
export const PLAN_ROUTE_CASES: Record<string, RouteCase> = {
  'PATCH /api/v1/billing/settings': { body: () => ({ limitBehaviour: 'notice' }) },
  'POST /api/v1/admin/plans': {
    body: () => ({
      id: `new-${process.pid}-${sequence++}`,
      name: 'New',
      description: '',
      public: true,
      archived: false,
      position: 50,
      trialDays: 0,
      graceDays: 7,
      prices: [],
      limits: { agents: 3 },
      features: {},
    }),
  },
  'PATCH /api/v1/admin/plans/{id}': { params: planOf, body: () => ({ description: 'Edited' }) },
  'DELETE /api/v1/admin/plans/{id}': { params: planOf },
  // The workspace stays unlimited: other cases create agents, sources and webhooks in it.
  'PUT /api/v1/admin/workspaces/{id}/plan': {
    params: async (tenant: TenantFixture) => ({ id: tenant.id }),
    body: () => ({ planId: 'unlimited' }),
  },
};
