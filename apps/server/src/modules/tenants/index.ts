export { createTenant, createTenantInput, slugify } from './create-tenant';
export { tenants, type Tenant } from './schema';
