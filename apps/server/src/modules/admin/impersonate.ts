import type { Context } from 'hono';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { AppEnv } from '../../platform/http/env';
import { reportSecurityEvent } from '../../platform/security-events';
import { withPlatform } from '../../platform/tenancy';
import { findUsersByIds, getAuth, IMPERSONATION_SECONDS } from '../accounts';
import { recordAudit } from '../audit';
import { workspacesOf } from './tenants';

/**
 * Signs the platform admin in as another person for an hour. The session carries the
 * admin's id, so every change made during it is audited as impersonated; the start is
 * recorded in each of the person's workspaces and in the security log.
 */
export async function startImpersonation(
  c: Context<AppEnv>,
  admin: { id: string; email: string },
  userId: string,
): Promise<Response> {
  const target = (await findUsersByIds([userId])).get(userId);
  if (!target) throw new NotFoundError('User');
  const response = await getAuth().api.impersonateUser({
    body: { userId },
    headers: c.req.raw.headers,
    asResponse: true,
  });
  if (!response.ok) {
    if (response.status === 403)
      throw new ForbiddenError('Platform administrators cannot be impersonated.', 'cannot_impersonate');
    throw new NotFoundError('User');
  }
  const workspaces = await workspacesOf(userId);
  await withPlatform(async (tx) => {
    for (const tenantId of workspaces) {
      await recordAudit(
        tx,
        {
          tenantId,
          actor: { type: 'platformAdmin', userId: admin.id, email: admin.email },
          requestId: c.get('requestId'),
          ip: c.get('ip'),
        },
        {
          action: 'impersonation.started',
          targetType: 'user',
          targetId: userId,
          after: { email: target.email, minutes: IMPERSONATION_SECONDS / 60 },
        },
      );
    }
  });
  reportSecurityEvent({
    kind: 'impersonation_started',
    ip: c.get('ip'),
    userId: admin.id,
    email: target.email,
    detail: { targetUserId: userId },
  });
  const out = c.json({ impersonating: { userId, email: target.email, expiresInSeconds: IMPERSONATION_SECONDS } }, 200);
  for (const cookie of response.headers.getSetCookie()) out.headers.append('set-cookie', cookie);
  return out;
}
