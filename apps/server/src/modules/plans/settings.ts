import { z } from 'zod';
import type { Tx } from '../../platform/tenancy';
import { LIMIT_BEHAVIOURS, planSettings, type LimitBehaviour } from './schema';

export interface PlanSettings {
  /** When the month's messages are used up: a polite notice offering a person, or metered overage. */
  limitBehaviour: LimitBehaviour;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { limitBehaviour: 'notice' };

export const planSettingsInput = z.object({ limitBehaviour: z.enum(LIMIT_BEHAVIOURS) }).strict();

export async function readPlanSettings(tx: Tx): Promise<PlanSettings> {
  const [row] = await tx.db.select({ limitBehaviour: planSettings.limitBehaviour }).from(planSettings);
  return row ?? DEFAULT_PLAN_SETTINGS;
}
