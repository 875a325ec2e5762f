/**
 * Database roles, created by the first migration. Neither can log in or bypass RLS:
 * - APP_ROLE runs every tenant transaction; the tenant policy limits it to one tenant.
 * - PLATFORM_ROLE runs platform services (tenants registry, outbox drain, super admin);
 *   each tenant table grants it an explicit policy, so its reach is visible in the catalog.
 * The connecting (owner) role is used only by migrations and the job queue.
 */
export const APP_ROLE = 'switchboard_app';
export const PLATFORM_ROLE = 'switchboard_platform';
export const TENANT_SETTING = 'app.tenant_id';
