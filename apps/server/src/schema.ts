/** Every Drizzle table of the platform and the modules (the schema test walks these). */
export * from './platform/events/schema';
export * from './platform/settings/schema';
export * from './platform/processes/schema';
export * from './modules/tenants/schema';
export * from './modules/accounts/schema';
export * from './modules/team/schema';
export * from './modules/audit/schema';
export * from './modules/agents/schema';
export * from './modules/providers/schema';
export * from './modules/chat/schema';
export * from './modules/knowledge/schema';
export * from './modules/leads/schema';
export * from './modules/widget/schema';
export * from './modules/escalation/schema';
export * from './modules/inbox/schema';
export * from './modules/feedback/schema';
export * from './modules/evaluations/schema';
