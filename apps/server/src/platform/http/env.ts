import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '../log';
import type { Actor, ServiceContext } from '../tenancy/context';
import type { StreamSlots } from './stream-slot-counter';

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
  /**
   * Extra fields and headers for this request's error envelope (set by a route group whose
   * clients expect another API's error shape, like the OpenAI-compatible routes). The
   * envelope's own fields always win.
   */
  decorateError?: ErrorDecorator;
  /** This process's count of open event streams (set for every request by the app). */
  streamSlots?: StreamSlots;
}

export type ErrorDecorator = (error: { status: number; code: string; details?: unknown }) => {
  fields?: Record<string, unknown>;
  headers?: Record<string, string>;
};

export interface AppEnv {
  Variables: AppVariables;
}

export type App = OpenAPIHono<AppEnv>;
