import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../log';
import type { Actor, ServiceContext } from '../tenancy/context';

/** What middleware puts on the Hono context for routes and the request log. */
export interface AppVariables {
  requestId: string;
  log: Logger;
  /** The client's address (X-Forwarded-For only behind TRUST_PROXY). */
  ip: string;
  /** Set by authentication; read by the request log and services. */
  tenantId?: string;
  actor?: Actor;
  /** The service context of an authenticated workspace request. */
  ctx?: ServiceContext;
  /** The signed-in person (session requests), with their platform role. */
  user?: { id: string; email: string; name: string; superAdmin: boolean; impersonatorId: string | null };
}

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
