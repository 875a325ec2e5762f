import {
  PERMISSION_NAMES,
  PERMISSIONS,
  ROLES,
  roleCan,
  scopesCan,
  type Permission,
} from '@switchboard/contract/permissions';
import { ForbiddenError } from '../../platform/errors';
import type { Actor, MemberRole, ServiceContext } from '../../platform/tenancy';

// The matrix itself is part of the API contract (packages/contract): the dashboard and the
// docs read the same one. What an actor may do, and the 403, are the server's.
export {
  API_KEY_SCOPES,
  PERMISSION_NAMES,
  PERMISSIONS,
  ROLES,
  roleCan,
  type ApiKeyScope,
  type Permission,
} from '@switchboard/contract/permissions';

export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case 'user':
      return roleCan(actor.role, permission);
    case 'apiKey':
      return scopesCan(actor.scopes, permission);
    case 'system':
      return true;
    case 'platformAdmin':
    case 'visitor':
    case 'channel':
      return false;
  }
}

export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSION_NAMES.filter((permission) => actorCan(actor, permission));
}

/**
 * The 403 for an actor lacking a permission. It names what is missing — for an API key the
 * scope (`details.requiredScope`), since a read-only key is the usual cause and nothing else
 * would say so; for a member the roles that have it.
 */
export function permissionDenied(actor: Actor, permission: Permission): ForbiddenError {
  const { scope, label, roles } = PERMISSIONS[permission];
  const action = label.toLowerCase();
  if (actor.type === 'apiKey') {
    if (scope === 'manage') {
      return new ForbiddenError(
        `API keys cannot ${action}: a workspace owner or admin does it, signed in.`,
        'forbidden',
        { permission, requiredScope: null },
      );
    }
    const has = actor.scopes.length ? actor.scopes.join(', ') : 'none';
    const message =
      scope === 'write' && actor.scopes.includes('read')
        ? `This API key is read-only; this route needs the write scope (to ${action}). Create a key with the write scope.`
        : `This API key lacks the ${scope} scope this route needs (to ${action}); its scopes: ${has}.`;
    return new ForbiddenError(message, 'forbidden', { permission, requiredScope: scope, keyScopes: actor.scopes });
  }
  if (actor.type === 'user') {
    return new ForbiddenError(`The ${actor.role} role cannot ${action}.`, 'forbidden', {
      permission,
      role: actor.role,
      allowedRoles: [...roles],
    });
  }
  return new ForbiddenError(`You cannot ${action}.`, 'forbidden', { permission });
}

/** Throws 403 unless the actor may; services call this before doing anything. */
export function assertCan(ctx: Pick<ServiceContext, 'actor'>, permission: Permission): void {
  if (!actorCan(ctx.actor, permission)) throw permissionDenied(ctx.actor, permission);
}

/** Roles that lack a permission (the security tests pick one to expect a 403). */
export function rolesWithout(permission: Permission): MemberRole[] {
  return ROLES.filter((role) => !roleCan(role, permission));
}
