/** A minimal row of a tenant table, inserted with raw SQL by the isolation suite. */
export interface IsolationFixture {
  readonly table: string;
  /** An INSERT whose $1 is the tenant id; it may insert parent rows first (several statements are not allowed: use a CTE). */
  readonly insert: string;
}
