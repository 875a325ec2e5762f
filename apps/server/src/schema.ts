/** Every Drizzle table of the platform and the modules (the schema test walks these). */
export * from './platform/events/schema';
export * from './platform/settings/schema';
export * from './modules/tenants/schema';
