export { escalationModule } from './module';
export { handoffSettings } from './schema';
export {
  DEFAULT_HANDOFF_SETTINGS,
  handoffSettingsSchema,
  businessHoursSchema,
  vipSchema,
  waitingSchema,
  WEEKDAYS,
  type BusinessHours,
  type HandoffSettings,
  type VipRule,
  type WaitingRule,
} from './settings-schema';
export { getHandoffSettings, handoffSettingsForTurn, readHandoffSettings, updateHandoffSettings } from './settings';
export { isOpen, nextOpening, describeOpening, zonedInstant } from './business-hours';
export { handoffNotice, type HandoffNotice } from './notice';
export { waitingNotice, WAITING_LANGUAGES, type WaitingCause } from './waiting-notice';
export { escalationFor, unansweredLimit, type AgentHandoffRules, type Escalation, type EscalationRule } from './rules';
export { scoreSentiment, NEGATIVE_THRESHOLD } from './sentiment';
export { asksForPerson, matchedKeyword } from './intent';
export { clausesOf, plainText, wordsOf } from './words';
export { isVip, visitorIdentity, type VisitorIdentity } from './visitor';
