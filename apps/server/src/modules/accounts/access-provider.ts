import type { Context } from 'hono';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from '../../platform/errors';
import type { AccessProvider, RouteAccess } from '../../platform/http/access';
import type { AppEnv } from '../../platform/http/env';
import { reportSecurityEvent } from '../../platform/security-events';
import type { Actor } from '../../platform/tenancy';
import { actorCan, permissionDenied, type Permission } from '../access';
import { assertFeature } from '../plans';
import { assertNotPaymentRestricted, describeTenant, getMembershipRole, getTenantStatus } from '../tenants';
import { verifyApiKey } from './api-keys/verify-api-key';
import { sessionFromHeaders } from './authenticate';

export const WORKSPACE_HEADER = 'x-workspace-id';
const TENANT_ID = /^ten_[0-9a-z]{26}$/;

class WorkspaceSuspendedError extends ForbiddenError {
  constructor(reason: string | null) {
    super(
      `This workspace is suspended${reason ? `: ${reason}` : ''}. Contact the platform administrator.`,
      'workspace_suspended',
    );
  }
}

async function suspended(tenantId: string): Promise<WorkspaceSuspendedError> {
  return new WorkspaceSuspendedError((await describeTenant(tenantId))?.suspendedReason ?? null);
}

function authorize(c: Context<AppEnv>, actor: Actor, tenantId: string, access: RouteAccess): void {
  c.set('tenantId', tenantId);
  c.set('actor', actor);
  c.set('ctx', { tenantId, actor, requestId: c.get('requestId'), ip: c.get('ip') });
  if (access.permission && !actorCan(actor, access.permission as Permission))
    throw permissionDenied(actor, access.permission as Permission);
}

async function checkApiKey(c: Context<AppEnv>, token: string, access: RouteAccess): Promise<void> {
  if (access.auth !== 'workspace' || access.sessionOnly) {
    throw new ForbiddenError('This needs a signed-in person; API keys cannot be used here.', 'session_required');
  }
  const key = await verifyApiKey(token);
  const status = key ? await getTenantStatus(key.tenantId) : null;
  if (!key || status === null || status === 'deleting' || status === 'deleted') {
    throw new UnauthorizedError('The API key is not valid, or it was revoked.', 'invalid_api_key');
  }
  if (status === 'suspended') throw await suspended(key.tenantId);
  await assertNotPaymentRestricted(key.tenantId, c.req.method, c.req.path);
  // The plan decides whether the workspace may use the API with keys at all (403 feature_not_in_plan).
  await assertFeature({ tenantId: key.tenantId }, 'apiAccess');
  authorize(c, { type: 'apiKey', keyId: key.keyId, scopes: key.scopes, agentIds: key.agentIds }, key.tenantId, access);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The page a request came from: Origin, or else Referer's origin (an unparsable Referer names none). */
function requestOrigin(c: Context<AppEnv>): string | undefined {
  const origin = c.req.header('origin');
  if (origin) return origin;
  const referer = c.req.header('referer');
  return referer && URL.canParse(referer) ? new URL(referer).origin : undefined;
}

/**
 * Cookies ride along on cross-site requests; a state change made with one must come from
 * our own pages (Origin, or Referer when a browser omits Origin). API keys are not
 * ambient, so bearer requests need no such check.
 */
function assertSameOrigin(c: Context<AppEnv>, trusted: readonly string[]): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = requestOrigin(c);
  if (!origin || !trusted.includes(origin)) {
    throw new ForbiddenError('This request did not come from the Switchboard dashboard.', 'origin_not_allowed');
  }
}

/**
 * Authenticates a request (API key or session cookie) and authorizes it for a route.
 * Another tenant's workspace answers 404, as if it did not exist, and is logged.
 */
export const createAccessProvider = (trustedOrigins: readonly string[]): AccessProvider => ({
  async check(c, access) {
    const authorization = c.req.header('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new UnauthorizedError('Send the API key as `Authorization: Bearer <key>`.');
      return checkApiKey(c, token, access);
    }
    const session = await sessionFromHeaders(c.req.raw.headers);
    if (!session) throw new UnauthorizedError();
    assertSameOrigin(c, trustedOrigins);
    c.set('user', {
      id: session.userId,
      email: session.email,
      name: session.name,
      superAdmin: session.superAdmin,
      impersonatorId: session.impersonatorId,
    });
    if (access.auth === 'session') return;
    if (access.auth === 'superAdmin') {
      if (!session.superAdmin || session.impersonatorId) throw new ForbiddenError('Platform administrators only.');
      return;
    }
    const workspaceId = c.req.header(WORKSPACE_HEADER);
    if (!workspaceId)
      throw new ValidationError(
        'Say which workspace: send its id in the X-Workspace-Id header.',
        undefined,
        'workspace_required',
      );
    const role = TENANT_ID.test(workspaceId) ? await getMembershipRole(workspaceId, session.userId) : null;
    const status = role ? await getTenantStatus(workspaceId) : null;
    if (!role || !status || status === 'deleting' || status === 'deleted') {
      reportSecurityEvent({
        kind: 'foreign_workspace',
        ip: c.get('ip'),
        userId: session.userId,
        workspaceId,
        detail: { path: c.req.path },
      });
      throw new NotFoundError('Workspace');
    }
    if (status === 'suspended') throw await suspended(workspaceId);
    await assertNotPaymentRestricted(workspaceId, c.req.method, c.req.path);
    const actor: Actor = { type: 'user', userId: session.userId, email: session.email, role };
    if (session.impersonatorId) actor.impersonatorId = session.impersonatorId;
    authorize(c, actor, workspaceId, access);
  },
});
