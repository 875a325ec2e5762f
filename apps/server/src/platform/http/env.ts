import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../log';
import type { Actor } from '../tenancy/context';

/** What middleware puts on the Hono context for routes and the request log. */
export interface AppVariables {
  requestId: string;
  log: Logger;
  /** Set by authentication; read by the request log and services. */
  tenantId?: string;
  actor?: Actor;
}

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
