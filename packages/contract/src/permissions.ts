/**
 * The permission matrix: the one place that says who may do what in a workspace. The
 * server's services enforce it, its routes declare it (API reference, security tests), the
 * dashboard hides what a role can't use (from the list the server sends), and the docs
 * print it.
 *
 * Seed 004's roles map onto ours: admin → admin, manager → manager, member → agent,
 * client → viewer; super_admin is the platform's administrator, outside workspaces.
 */
export const ROLES = ['owner', 'admin', 'manager', 'agent', 'viewer'] as const;
export type MemberRole = (typeof ROLES)[number];

const ALL = ROLES;
const ADMINS: readonly MemberRole[] = ['owner', 'admin'];
const MANAGERS: readonly MemberRole[] = ['owner', 'admin', 'manager'];
const AGENTS: readonly MemberRole[] = ['owner', 'admin', 'manager', 'agent'];

/** What an API key's scope must include for a permission; `manage` ones are for people only. */
export type PermissionScope = 'read' | 'write' | 'manage';

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
  'actions.manage': { roles: ADMINS, scope: 'manage', label: 'Manage custom actions' },
  'integrations.manage': { roles: ADMINS, scope: 'manage', label: 'Connect MCP servers and choose agents’ tools' },
  'analytics.read': { roles: ALL, scope: 'read', label: 'See analytics and usage' },
  'analytics.manage': { roles: ADMINS, scope: 'manage', label: 'Schedule analytics reports by mail' },
  'billing.manage': { roles: ['owner'], scope: 'manage', label: 'Plans, invoices, payment' },
} as const satisfies Record<string, { roles: readonly MemberRole[]; scope: PermissionScope; label: string }>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** API key scopes: `read` covers read permissions, `write` adds write ones; none manage the workspace. */
export const API_KEY_SCOPES = ['read', 'write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function roleCan(role: MemberRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly MemberRole[]).includes(role);
}

/** Whether a key with these scopes reaches a permission (the server checks the same way). */
export function scopesCan(scopes: readonly string[], permission: Permission): boolean {
  const { scope } = PERMISSIONS[permission];
  if (scope === 'read') return scopes.includes('read') || scopes.includes('write');
  if (scope === 'write') return scopes.includes('write');
  return false;
}
