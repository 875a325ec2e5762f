export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  status: string;
  plan: string;
  suspendedReason: string | null;
  createdAt: string;
  members: number;
  apiKeys: number;
}

export interface TenantMember {
  userId: string;
  email: string;
  name: string;
  role: string;
  joinedAt: string;
}

export interface SecurityEvent {
  id: string;
  kind: string;
  ip: string | null;
  userId: string | null;
  email: string | null;
  workspaceId: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export const TENANT_STATUSES = ['active', 'suspended', 'deleting', 'deleted'] as const;

export const SECURITY_KINDS: Record<string, string> = {
  login_failed: 'Failed sign-in',
  account_locked: 'Account locked',
  rate_limited: 'Rate limited',
  two_factor_failed: 'Failed two-factor code',
  foreign_workspace: 'Workspace probe',
  foreign_resource: 'Resource probe',
  impersonation_started: 'Impersonation started',
};
