import { handoffSettingsSchema, type HandoffSettings } from '@switchboard/contract/escalation';

// The settings' schemas are part of the API contract (packages/contract/src/escalation.ts).
export {
  businessHoursSchema,
  handoffSettingsSchema,
  vipSchema,
  waitingSchema,
  WEEKDAYS,
  type BusinessHours,
  type HandoffSettings,
  type VipRule,
  type WaitingRule,
  type Weekday,
} from '@switchboard/contract/escalation';

export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = handoffSettingsSchema.parse({});
