import { ROLES, type MemberRole, type Permission } from '@switchboard/contract/permissions';

// The permission names and roles come from the contract (the server's matrix): a permission
// renamed or removed there breaks this typecheck. The matrix itself stays on the server; the
// dashboard shows what the list the server sends allows.
export { type MemberRole, type Permission };

/** Visibility follows the list the server sends, never the role name: the matrix lives there. */
export function can(permissions: readonly string[], permission: Permission): boolean {
  return permissions.includes(permission);
}

export function canAny(permissions: readonly string[], wanted: readonly Permission[]): boolean {
  return wanted.some((permission) => permissions.includes(permission));
}

export const ROLE_LABELS: Record<string, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  agent: 'Agent',
  viewer: 'Viewer',
} satisfies Record<MemberRole, string>;

export const ROLE_DESCRIPTIONS: Record<string, string> = {
  owner: 'Everything, including billing, deleting the workspace and transferring ownership.',
  admin: 'Manages the team, channels, API keys, webhooks and settings.',
  manager: 'Builds agents and knowledge; handles conversations and leads.',
  agent: 'Handles conversations and leads.',
  viewer: 'Reads everything, changes nothing.',
} satisfies Record<MemberRole, string>;

/** Roles that can be given by invitation (ownership is transferred, not invited). */
export const INVITE_ROLES = ROLES.filter((role) => role !== 'owner') as Exclude<MemberRole, 'owner'>[];
export const ALL_ROLES = ROLES;
