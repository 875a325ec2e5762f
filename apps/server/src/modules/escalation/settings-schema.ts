import { handoffSettingsSchema, type HandoffSettings } from '@switchboard/contract/escalation';

// The settings' schemas are part of the API contract (packages/contract/src/escalation.ts).
export { businessHoursSchema, handoffSettingsSchema, vipSchema, WEEKDAYS, type BusinessHours, type HandoffSettings, type VipRule, type Weekday } from '@switchboard/contract/escalation';

export const DEFAULT_HANDOFF_SETTINGS: HandoffSettings = handoffSettingsSchema.parse({});
