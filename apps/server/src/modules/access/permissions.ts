import { PERMISSION_NAMES, PERMISSIONS, ROLES, roleCan, scopesCan, type Permission } from '@switchboard/contract/permissions';
import { ForbiddenError } from '../../platform/errors';
import type { Actor, MemberRole, ServiceContext } from '../../platform/tenancy';

// The matrix itself is part of the API contract (packages/contract): the dashboard and the
// docs read the same one. What an actor may do, and the 403, are the server's.
export { API_KEY_SCOPES, PERMISSION_NAMES, PERMISSIONS, ROLES, roleCan, type ApiKeyScope, type Permission } from '@switchboard/contract/permissions';

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

/** Throws 403 unless the actor may; services call this before doing anything. */
export function assertCan(ctx: Pick<ServiceContext, 'actor'>, permission: Permission): void {
  if (!actorCan(ctx.actor, permission)) {
    const who = ctx.actor.type === 'user' ? `The ${ctx.actor.role} role` : ctx.actor.type === 'apiKey' ? 'This API key' : 'You';
    throw new ForbiddenError(`${who} cannot ${PERMISSIONS[permission].label.toLowerCase()}.`);
  }
}

/** Roles that lack a permission (the security tests pick one to expect a 403). */
export function rolesWithout(permission: Permission): MemberRole[] {
  return ROLES.filter((role) => !roleCan(role, permission));
}
