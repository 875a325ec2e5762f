import type { IconName } from '../../components/icons';
import { canAny, type Permission } from '../../lib/permissions';

export interface NavItem {
  label: string;
  /** Relative to /w/:workspaceId. */
  path: string;
  icon: IconName;
  /** Shown when the role has any of these. */
  permissions: Permission[];
}

export interface NavGroup {
  label: string | null;
  items: NavItem[];
}

export const NAV_GROUPS: NavGroup[] = [
  { label: null, items: [{ label: 'Overview', path: '', icon: 'home', permissions: ['workspace.read'] }] },
  {
    label: 'Customer service',
    items: [
      { label: 'Inbox', path: 'inbox', icon: 'inbox', permissions: ['conversations.read'] },
      { label: 'Agents', path: 'agents', icon: 'bot', permissions: ['agents.read'] },
      { label: 'Knowledge', path: 'knowledge', icon: 'book', permissions: ['knowledge.read'] },
      { label: 'Reviews', path: 'reviews', icon: 'check', permissions: ['knowledge.write'] },
      { label: 'Leads', path: 'leads', icon: 'leads', permissions: ['leads.read'] },
    ],
  },
  {
    label: 'Connect and measure',
    items: [
      { label: 'Channels', path: 'channels', icon: 'channels', permissions: ['channels.manage'] },
      { label: 'Analytics', path: 'analytics', icon: 'chart', permissions: ['analytics.read'] },
      { label: 'Usage', path: 'usage', icon: 'gauge', permissions: ['analytics.read'] },
      { label: 'Webhooks', path: 'webhooks', icon: 'webhook', permissions: ['webhooks.manage'] },
      { label: 'Actions', path: 'actions', icon: 'link', permissions: ['actions.manage'] },
      { label: 'MCP servers', path: 'mcp-servers', icon: 'link', permissions: ['integrations.manage'] },
    ],
  },
  {
    label: 'Workspace',
    items: [
      { label: 'Team', path: 'team', icon: 'users', permissions: ['members.read'] },
      { label: 'Models', path: 'models', icon: 'chip', permissions: ['agents.read'] },
      { label: 'Billing', path: 'billing', icon: 'gauge', permissions: ['billing.manage'] },
      { label: 'API keys', path: 'api-keys', icon: 'key', permissions: ['api_keys.manage'] },
      { label: 'Audit log', path: 'audit-log', icon: 'scroll', permissions: ['audit.read'] },
      { label: 'Settings', path: 'settings', icon: 'settings', permissions: ['workspace.update', 'workspace.delete'] },
    ],
  },
];

export function visibleGroups(permissions: readonly string[]): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    items: group.items.filter((item) => canAny(permissions, item.permissions)),
  })).filter((group) => group.items.length > 0);
}
