import type { TenantFixture } from './route-cases';

/** The owner of a fixture workspace, as a service context: fixtures are made through the services. */
export const ownerCtx = (tenant: TenantFixture) => ({
  tenantId: tenant.id,
  actor: {
    type: 'user' as const,
    userId: tenant.users.owner.userId,
    email: tenant.users.owner.email,
    role: 'owner' as const,
  },
  requestId: 'security-cases',
});
