/**
 * A minimal row of a tenant table, inserted with raw SQL by the isolation suite for tenant A
 * and tenant B. `userId` is a real user made for this call, for tables that reference one.
 */
export interface IsolationFixture {
  readonly table: string;
  insert(ids: { tenantId: string; userId: string }): { text: string; values: unknown[] };
}
