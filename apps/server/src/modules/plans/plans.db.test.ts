import { PLAN_LIMITS } from '@switchboard/contract/plans';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { auditLog } from '../audit';
import { createTenant, setDefaultPlan } from '../tenants';
import { assignPlan, defaultPlanId, getWorkspacePlan, listPlans } from './index';

useTestRuntime();

const admin = (tenantId: string): ServiceContext => ({
  tenantId,
  actor: { type: 'platformAdmin', userId: 'usr_root', email: 'root@example.com' },
  requestId: 'test',
});

afterEach(() => setDefaultPlan('unlimited'));

describe('the plan catalog', () => {
  it('is seeded with Free, Basic, Advanced, Pro and the hidden Unlimited plan', async () => {
    const catalog = await listPlans();
    expect(catalog.map((p) => p.id)).toEqual(['unlimited', 'free', 'basic', 'advanced', 'pro']);
    const unlimited = catalog[0]!;
    expect(unlimited.public).toBe(false);
    expect(PLAN_LIMITS.map((name) => unlimited.limits[name] ?? null)).toEqual(PLAN_LIMITS.map(() => null));
    const basic = catalog.find((p) => p.id === 'basic')!;
    expect(basic.limits.agents).toBe(1);
    expect(basic.prices).toContainEqual({ interval: 'month', currency: 'usd', amount: 1900 });
    expect(basic.features.webhooks).toBeUndefined();
    expect(catalog.find((p) => p.id === 'pro')!.features.webhooks).toBe(true);
  });
});

describe('the default plan of a new workspace', () => {
  it('is free where plans are sold, unlimited where not, and DEFAULT_PLAN when set', () => {
    expect(defaultPlanId({ DEFAULT_PLAN: undefined, STRIPE_SECRET_KEY: undefined, RAZORPAY_KEY_ID: undefined })).toBe(
      'unlimited',
    );
    expect(defaultPlanId({ DEFAULT_PLAN: undefined, STRIPE_SECRET_KEY: 'sk_test', RAZORPAY_KEY_ID: undefined })).toBe(
      'free',
    );
    expect(defaultPlanId({ DEFAULT_PLAN: undefined, STRIPE_SECRET_KEY: undefined, RAZORPAY_KEY_ID: 'rzp' })).toBe(
      'free',
    );
    expect(defaultPlanId({ DEFAULT_PLAN: 'basic', STRIPE_SECRET_KEY: 'sk_test', RAZORPAY_KEY_ID: undefined })).toBe(
      'basic',
    );
  });

  it('is the configured one, and unlimited when that names no plan', async () => {
    expect((await createTenant({ name: 'Self-hosted' })).plan).toBe('unlimited');
    setDefaultPlan('free');
    expect((await createTenant({ name: 'Sold' })).plan).toBe('free');
    setDefaultPlan('no-such-plan');
    expect((await createTenant({ name: 'Typo' })).plan).toBe('unlimited');
  });
});

describe('assigning a plan', () => {
  it('takes effect at once and is audited with its source', async () => {
    const tenant = await createTenant({ name: 'Upgrader' });
    expect((await getWorkspacePlan(tenant.id))!.id).toBe('unlimited');
    expect(await assignPlan(admin(tenant.id), { planId: 'advanced', source: 'admin' })).toEqual({
      before: 'unlimited',
      after: 'advanced',
    });
    const plan = await getWorkspacePlan(tenant.id);
    expect(plan!.id).toBe('advanced');
    expect(plan!.limits.agents).toBe(5);
    const entries = await withTenant({ tenantId: tenant.id }, (tx) =>
      tx.db.select().from(auditLog).where(eq(auditLog.action, 'workspace.plan_changed')),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toEqual({ plan: 'advanced', source: 'admin' });
  });

  it('refuses an unknown plan, a member, and an unknown workspace', async () => {
    const tenant = await createTenant({ name: 'Careful' });
    await expect(assignPlan(admin(tenant.id), { planId: 'platinum', source: 'admin' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      assignPlan(
        { tenantId: tenant.id, actor: { type: 'user', userId: 'usr_x', role: 'owner' } as never, requestId: 't' },
        { planId: 'pro', source: 'admin' },
      ),
    ).rejects.toThrow(/platform admin/);
    await expect(assignPlan(admin('ten_missing'), { planId: 'pro', source: 'admin' })).rejects.toThrow(/Workspace/);
    expect((await getWorkspacePlan(tenant.id))!.id).toBe('unlimited');
  });
});
