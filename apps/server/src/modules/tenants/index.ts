export { createTenant, createTenantInput, setDefaultPlan, slugify } from './create-tenant';
export { activeTenantIds } from './active-tenants';
export { memberships, publicKeyRegistry, tenants, type Membership, type Tenant } from './schema';
export { forgetPublicKey, registerPublicKey, resolvePublicKey } from './public-keys';
export {
  createWorkspace,
  deleteWorkspace,
  getWorkspace,
  listWorkspacesForUser,
  renameWorkspace,
  workspaceName,
  type WorkspaceSummary,
} from './workspaces';
export { describeTenant, forgetTenantStatus, getTenantPlan, getTenantStatus } from './tenant-status';
export { getMembershipRole, setTenantStatus } from './membership';
export {
  assertNotPaymentRestricted,
  forgetBillingRestriction,
  getBillingRestriction,
  PaymentRequiredError,
  type BillingRestriction,
} from './billing-restriction';
