import { z } from './z';

// The platform administrator's API: workspaces with usage, suspension, impersonation and the
// security log.

export const TENANT_STATUSES = ['active', 'suspended', 'deleting', 'deleted'] as const;

export const listTenantsInput = z.object({
  q: z.string().trim().max(120).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const listSecurityInput = z.object({
  kind: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const TenantUsageSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    status: z.string(),
    plan: z.string(),
    suspendedReason: z.string().nullable(),
    createdAt: z.date(),
    members: z.number(),
    apiKeys: z.number(),
  })
  .openapi('TenantUsage');

export const SecurityEventSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    ip: z.string().nullable(),
    userId: z.string().nullable(),
    email: z.string().nullable(),
    workspaceId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    createdAt: z.date(),
  })
  .openapi('SecurityEvent');

export const tenantParam = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
export const suspendBody = z.object({ reason: z.string().trim().max(500).nullish() });
export const impersonateBody = z.object({ userId: z.string().min(1) });

export const TenantListResponse = z.object({ tenants: z.array(TenantUsageSchema), total: z.number() });
export const TenantDetailResponse = z.object({
  tenant: TenantUsageSchema,
  members: z.array(
    z.object({ userId: z.string(), email: z.string(), name: z.string(), role: z.string(), joinedAt: z.date() }),
  ),
});
export const TenantStatusResponse = z.object({ status: z.string() });
export const ImpersonationResponse = z.object({
  impersonating: z.object({ userId: z.string(), email: z.string(), expiresInSeconds: z.number() }),
});
export const SecurityEventPageResponse = z.object({
  events: z.array(SecurityEventSchema),
  nextCursor: z.string().nullable(),
});
