import type { ModuleDefinition } from '../module';

/** The tenants registry is a platform table: no tenant tables, no RLS fixtures. */
export const tenantsModule: ModuleDefinition = { name: 'tenants' };
