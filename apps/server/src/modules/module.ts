import type { AppDeps } from '../platform/app-deps';
import type { Config } from '../platform/config';
import type { BodyLimit } from '../platform/http/body-limits';
import type { App } from '../platform/http/env';
import type { EventReaction } from '../platform/events/reactions';
import type { JobDefinition } from '../platform/jobs/define';
import type { OrphanRecovery } from '../platform/processes';
import type { IsolationFixture } from '../platform/tenancy/isolation-fixture';

/** What a module contributes to the platform. */
export interface ModuleDefinition {
  readonly name: string;
  /**
   * Start-up side effects of this process (authentication, defaults other modules read):
   * run once by the runtime, before any module builds its routes, and also where no HTTP
   * is served (worker, CLI commands).
   */
  readonly start?: (deps: AppDeps) => void;
  /**
   * The module's routes as a sub-app made with createRouter (platform/http/router), which
   * the app mounts with `app.route('/', …)`: its routes and OpenAPI entries join the app's.
   */
  readonly routes?: (deps: AppDeps) => App;
  /** POST routes of this module that accept bodies larger than BODY_LIMIT_BYTES (uploads). */
  readonly bodyLimits?: (config: Config) => readonly BodyLimit[];
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
