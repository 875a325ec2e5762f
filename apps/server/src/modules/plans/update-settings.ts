import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { forgetMonthlyUse } from './allowance';
import { planSettings } from './schema';
import { planSettingsInput, readPlanSettings, type PlanSettings } from './settings';

/** Owners (billing.manage) choose what happens when the message allowance is used up. */
export async function updatePlanSettings(
  ctx: ServiceContext,
  input: z.input<typeof planSettingsInput>,
): Promise<PlanSettings> {
  assertCan(ctx, 'billing.manage');
  const data = planSettingsInput.parse(input);
  const saved = await withTenant(ctx, async (tx) => {
    const before = await readPlanSettings(tx);
    await tx.db
      .insert(planSettings)
      .values({ tenantId: ctx.tenantId, limitBehaviour: data.limitBehaviour })
      .onConflictDoUpdate({
        target: planSettings.tenantId,
        set: { limitBehaviour: data.limitBehaviour, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'billing.settings_changed',
      targetType: 'workspace',
      targetId: ctx.tenantId,
      before: { ...before },
      after: { ...data },
    });
    return data;
  });
  forgetMonthlyUse(ctx.tenantId);
  return saved;
}
