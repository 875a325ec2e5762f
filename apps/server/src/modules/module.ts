import type { AppDeps } from '../app';
import type { App } from '../platform/http/env';
import type { EventReaction } from '../platform/events/reactions';
import type { JobDefinition } from '../platform/jobs/define';
import type { OrphanRecovery } from '../platform/processes';
import type { IsolationFixture } from '../platform/tenancy/isolation-fixture';

/** What a module contributes to the platform. */
export interface ModuleDefinition {
  readonly name: string;
  /** Adds the module's routes (thin OpenAPIHono sub-apps) to the app. */
  readonly mount?: (app: App, deps: AppDeps) => void;
  readonly jobs?: readonly JobDefinition<any>[];
  /** Jobs enqueued with an event, in its transaction (their jobs are registered too). */
  readonly reactions?: readonly EventReaction[];
  /**
   * One fixture per tenant table the module owns: how to insert a minimal row for a tenant
   * in raw SQL. The isolation suite proves RLS on each; a table without one fails it.
   */
  readonly isolationFixtures?: readonly IsolationFixture[];
  /**
   * Marks the work a dead server process left unfinished (an answer it was streaming), at
   * start-up and when a process stops beating (platform/processes). It runs as the platform
   * role across tenants, so it is one fixed statement that no request input reaches.
   */
  readonly recoverOrphans?: OrphanRecovery;
}
