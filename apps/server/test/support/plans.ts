import type { PlanFeatures, PlanLimits } from '@switchboard/contract/plans';
import { makeSuperAdmin, provisionUser } from '../../src/modules/accounts';
import { assignPlan } from '../../src/modules/plans';
import { createPlan } from '../../src/modules/plans/manage-catalog';
import { PASSWORD, TestClient, uniqueEmail } from './client';
import type { TestRuntime } from './runtime';

let sequence = 0;
const root = { type: 'platformAdmin' as const, userId: 'usr_test_root', email: 'root@example.test' };

/** A hidden plan with these limits and features, for one test. */
export async function testPlan(limits: PlanLimits, features: PlanFeatures = {}): Promise<string> {
  const plan = await createPlan(
    { actor: root },
    {
      id: `t-${process.pid}-${Date.now().toString(36)}-${sequence++}`,
      name: 'Test plan',
      description: '',
      public: false,
      archived: false,
      position: 90,
      trialDays: 0,
      graceDays: 7,
      prices: [],
      limits,
      features,
    },
  );
  return plan.id;
}

/** Puts a workspace on a plan made for the test (with API access unless `features` says otherwise). */
export async function onPlan(tenantId: string, limits: PlanLimits, features: PlanFeatures = {}): Promise<string> {
  const planId = await testPlan(limits, { apiAccess: true, ...features });
  await assignPlan({ tenantId, actor: root, requestId: 'test' }, { planId, source: 'admin' });
  return planId;
}

/** A signed-in platform administrator. */
export async function platformAdmin(rt: TestRuntime): Promise<TestClient> {
  const email = uniqueEmail('root');
  const { id } = await provisionUser({ email, name: 'Root', password: PASSWORD });
  await makeSuperAdmin(id);
  const admin = new TestClient(rt);
  await admin.signIn(email, PASSWORD);
  return admin;
}
