import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ServiceContext } from '../tenancy/context';
import { UnauthorizedError } from '../errors';
import type { AppEnv, AppVariables } from './env';

/**
 * Who may call a route:
 * - public: anyone;
 * - session: a signed-in person (no workspace needed);
 * - workspace: a member of the workspace named by `X-Workspace-Id`, or an API key, holding
 *   `permission`;
 * - superAdmin: the platform's administrator (not while impersonating).
 */
export type AuthLevel = 'public' | 'session' | 'workspace' | 'superAdmin';

export interface RouteAccess {
  auth: AuthLevel;
  /** A permission of the matrix (modules/access); checked for workspace routes. */
  permission?: string;
  /** Sessions only (dashboard screens that API keys must not reach). */
  sessionOnly?: boolean;
}

/** Implemented by the accounts module: authenticates, authorizes, fills the context. */
export interface AccessProvider {
  check(c: Context<AppEnv>, access: RouteAccess): Promise<void>;
}

let provider: AccessProvider | null = null;

export function setAccessProvider(value: AccessProvider | null): void {
  provider = value;
}

/** Every route's declared access, by `METHOD /openapi/{path}` (read by the security tests). */
export const routeAccess = new Map<string, RouteAccess>();

export function requireAccess(access: RouteAccess): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.auth !== 'public') {
      if (!provider) throw new Error('No access provider registered');
      await provider.check(c, access);
    }
    await next();
  };
}

/**
 * createRoute plus its access rule: the middleware that enforces it, the OpenAPI security
 * requirement, and an entry in `routeAccess`.
 */
export function route<const R extends RouteConfig>(config: R, access: RouteAccess) {
  routeAccess.set(`${config.method.toUpperCase()} ${config.path}`, access);
  const security =
    access.auth === 'public'
      ? []
      : access.sessionOnly
        ? [{ sessionCookie: [] }]
        : [{ bearerAuth: [] }, { sessionCookie: [] }];
  const description = [
    config.description,
    access.permission ? `Requires the \`${access.permission}\` permission.` : undefined,
    access.auth === 'superAdmin' ? 'Platform administrators only.' : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return createRoute({
    ...config,
    description,
    security,
    middleware: [requireAccess(access), ...((config.middleware as MiddlewareHandler[] | undefined) ?? [])],
  } as R);
}

/** The service context of an authenticated workspace request. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  const ctx = c.get('ctx');
  if (!ctx) throw new UnauthorizedError();
  return ctx;
}

/** The signed-in person of a session request. */
export function sessionUser(c: Context<AppEnv>): NonNullable<AppVariables['user']> {
  const user = c.get('user');
  if (!user) throw new UnauthorizedError();
  return user;
}

/** Request metadata services record (audit). */
export function requestMeta(c: Context<AppEnv>): { requestId: string; ip: string } {
  return { requestId: c.get('requestId'), ip: c.get('ip') };
}
