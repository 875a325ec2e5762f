import type { JobDefinition } from '../platform/jobs/define';
import type { IsolationFixture } from '../platform/tenancy/isolation-fixture';

/** What a module contributes to the platform. Routes are added in app.ts by each module. */
export interface ModuleDefinition {
  readonly name: string;
  readonly jobs?: readonly JobDefinition<any>[];
  /**
   * One fixture per tenant table the module owns: how to insert a minimal row for a tenant
   * in raw SQL. The isolation suite proves RLS on each; a table without one fails it.
   */
  readonly isolationFixtures?: readonly IsolationFixture[];
}
