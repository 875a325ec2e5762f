/** The permission names the server's matrix grants (GET /api/v1/workspace lists the caller's). */
export type Permission =
  | 'workspace.read'
  | 'workspace.update'
  | 'workspace.delete'
  | 'members.read'
  | 'members.invite'
  | 'members.manage'
  | 'ownership.transfer'
  | 'api_keys.manage'
  | 'audit.read'
  | 'agents.read'
  | 'agents.write'
  | 'knowledge.read'
  | 'knowledge.write'
  | 'conversations.read'
  | 'conversations.reply'
  | 'leads.read'
  | 'leads.write'
  | 'channels.manage'
  | 'webhooks.manage'
  | 'analytics.read'
  | 'billing.manage';

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
};

export const ROLE_DESCRIPTIONS: Record<string, string> = {
  owner: 'Everything, including billing, deleting the workspace and transferring ownership.',
  admin: 'Manages the team, channels, API keys, webhooks and settings.',
  manager: 'Builds agents and knowledge; handles conversations and leads.',
  agent: 'Handles conversations and leads.',
  viewer: 'Reads everything, changes nothing.',
};

/** Roles that can be given by invitation (ownership is transferred, not invited). */
export const INVITE_ROLES = ['admin', 'manager', 'agent', 'viewer'] as const;
export const ALL_ROLES = ['owner', 'admin', 'manager', 'agent', 'viewer'] as const;
