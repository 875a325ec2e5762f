import { ForbiddenError } from '../../platform/errors';
import type { Actor, MemberRole, ServiceContext } from '../../platform/tenancy';

/**
 * The permission matrix: the one place that says who may do what in a workspace. Services
 * enforce it (assertCan), routes declare it (for the API reference and the security tests),
 * the dashboard hides what a role can't use (it reads `permissionsOf`), and README prints it.
 *
 * Seed 004's roles map onto ours: admin → admin, manager → manager, member → agent,
 * client → viewer; super_admin is the platform's administrator, outside workspaces.
 */
export const ROLES: readonly MemberRole[] = ['owner', 'admin', 'manager', 'agent', 'viewer'];

const ALL = ROLES;
const ADMINS: MemberRole[] = ['owner', 'admin'];
const MANAGERS: MemberRole[] = ['owner', 'admin', 'manager'];
const AGENTS: MemberRole[] = ['owner', 'admin', 'manager', 'agent'];

export const PERMISSIONS = {
  'workspace.read': { roles: ALL, scope: 'read', label: 'See the workspace' },
  'workspace.update': { roles: ADMINS, scope: 'manage', label: 'Rename the workspace, change its settings' },
  'workspace.delete': { roles: ['owner'], scope: 'manage', label: 'Delete the workspace' },
  'members.read': { roles: ALL, scope: 'read', label: 'See members and invitations' },
  'members.invite': { roles: ADMINS, scope: 'manage', label: 'Invite, resend and revoke invitations' },
  'members.manage': { roles: ADMINS, scope: 'manage', label: 'Change roles, remove members' },
  'ownership.transfer': { roles: ['owner'], scope: 'manage', label: 'Transfer ownership' },
  'api_keys.manage': { roles: ADMINS, scope: 'manage', label: 'Create and revoke API keys' },
  'audit.read': { roles: ADMINS, scope: 'manage', label: 'Read the audit log' },
  'agents.read': { roles: ALL, scope: 'read', label: 'See agents' },
  'agents.write': { roles: MANAGERS, scope: 'write', label: 'Create, edit, publish agents' },
  'knowledge.read': { roles: ALL, scope: 'read', label: 'See knowledge sources' },
  'knowledge.write': { roles: MANAGERS, scope: 'write', label: 'Add, sync, delete knowledge' },
  'conversations.read': { roles: ALL, scope: 'read', label: 'Read conversations' },
  'conversations.reply': { roles: AGENTS, scope: 'write', label: 'Chat, take over, reply, close' },
  'leads.read': { roles: ALL, scope: 'read', label: 'See leads' },
  'leads.write': { roles: AGENTS, scope: 'write', label: 'Update leads, add notes' },
  'channels.manage': { roles: ADMINS, scope: 'manage', label: 'Connect channels' },
  'webhooks.manage': { roles: ADMINS, scope: 'manage', label: 'Manage webhooks' },
  'analytics.read': { roles: ALL, scope: 'read', label: 'See analytics and usage' },
  'billing.manage': { roles: ['owner'], scope: 'manage', label: 'Plans, invoices, payment' },
} as const satisfies Record<string, { roles: readonly MemberRole[]; scope: 'read' | 'write' | 'manage'; label: string }>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** API key scopes: `read` covers read permissions, `write` adds write ones; none manage the workspace. */
export type ApiKeyScope = 'read' | 'write';
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['read', 'write'];

export function roleCan(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly MemberRole[]).includes(role);
}

export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case 'user':
      return roleCan(actor.role, permission);
    case 'apiKey': {
      const { scope } = PERMISSIONS[permission];
      if (scope === 'read') return actor.scopes.includes('read') || actor.scopes.includes('write');
      if (scope === 'write') return actor.scopes.includes('write');
      return false;
    }
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
      return new ForbiddenError(`API keys cannot ${action}: a workspace owner or admin does it, signed in.`, 'forbidden', { permission, requiredScope: null });
    }
    const has = actor.scopes.length ? actor.scopes.join(', ') : 'none';
    const message =
      scope === 'write' && actor.scopes.includes('read')
        ? `This API key is read-only; this route needs the write scope (to ${action}). Create a key with the write scope.`
        : `This API key lacks the ${scope} scope this route needs (to ${action}); its scopes: ${has}.`;
    return new ForbiddenError(message, 'forbidden', { permission, requiredScope: scope, keyScopes: actor.scopes });
  }
  if (actor.type === 'user') {
    return new ForbiddenError(`The ${actor.role} role cannot ${action}.`, 'forbidden', { permission, role: actor.role, allowedRoles: [...roles] });
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
