import { APP_ROLE, PLATFORM_ROLE, TENANT_SETTING } from '../db/roles';
import type pg from 'pg';
import type { PreparedCall } from './batched';
import { runTransaction, type Tx } from './transaction';

const TENANT_ID = /^ten_[0-9a-z]{26}$/;

export class MissingTenantError extends Error {
  constructor(value: unknown) {
    super(`withTenant needs a tenant id, got ${JSON.stringify(value)}: an unscoped query is never run`);
    this.name = 'MissingTenantError';
  }
}

/**
 * One transaction as the restricted application role, pinned to one tenant. Row-level
 * security, not the query, keeps it inside that tenant: a forgotten WHERE clause returns
 * this tenant's rows and nobody else's.
 */
export function withTenant<T>(
  ctx: { readonly tenantId: string },
  fn: (tx: Tx, first: pg.QueryResult | null) => Promise<T>,
  first?: string | PreparedCall,
): Promise<T> {
  const tenantId = ctx?.tenantId;
  // Checked by shape so the id can be inlined into the BEGIN round trip safely.
  if (typeof tenantId !== 'string' || !TENANT_ID.test(tenantId)) throw new MissingTenantError(tenantId);
  return runTransaction(
    {
      kind: 'tenant',
      tenantId,
      role: APP_ROLE,
      setup: `SET LOCAL ROLE ${APP_ROLE}; SET LOCAL ${TENANT_SETTING} = '${tenantId}';`,
    },
    fn,
    first,
  );
}

/**
 * One transaction as the platform role, for platform tables and cross-tenant platform work.
 * Only platform services may import this (lint rule `switchboard/platform-only`).
 * `first`: a statement without parameters sent with BEGIN (see runTransaction).
 */
export function withPlatform<T>(
  fn: (tx: Tx, first: pg.QueryResult | null) => Promise<T>,
  first?: string | PreparedCall,
): Promise<T> {
  return runTransaction(
    { kind: 'platform', tenantId: null, role: PLATFORM_ROLE, setup: `SET LOCAL ROLE ${PLATFORM_ROLE};` },
    fn,
    first,
  );
}
