export { createTenant, createTenantInput, slugify } from './create-tenant';
export { activeTenantIds } from './active-tenants';
export { memberships, tenants, type Membership, type Tenant } from './schema';
export {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspacesForUser,
  renameWorkspace,
  workspaceName,
  type WorkspaceSummary,
} from './workspaces';
export { describeTenant, forgetTenantStatus, getTenantStatus } from './tenant-status';
export { getMembershipRole, setTenantStatus } from './membership';
