import { platformTableSql, tenantTableSql } from '../platform/db/rls-sql';
import type { Migration } from '../platform/db/migrate';

/**
 * Accounts: better-auth's tables (platform: people exist across workspaces), the security
 * log (the operator's), and the tenant tables for memberships, invitations, API keys and the
 * audit log. Tokens and keys embed their tenant id so that lookups stay tenant-led (Citus).
 */
export const m0002: Migration = {
  id: '0002_accounts',
  sql: `
ALTER TABLE tenants DROP CONSTRAINT tenants_status_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended', 'deleting', 'deleted'));
ALTER TABLE tenants ADD COLUMN suspended_reason text;
ALTER TABLE tenants ADD COLUMN deleted_at timestamptz;

CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  email_verified boolean NOT NULL DEFAULT false,
  image text,
  two_factor_enabled boolean NOT NULL DEFAULT false,
  role text,
  banned boolean NOT NULL DEFAULT false,
  ban_reason text,
  ban_expires timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
${platformTableSql('users')}

CREATE TABLE sessions (
  id text PRIMARY KEY,
  token text NOT NULL UNIQUE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  ip_address text,
  user_agent text,
  impersonated_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);
${platformTableSql('sessions')}

CREATE TABLE auth_accounts (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  provider_id text NOT NULL,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  password text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_accounts_user ON auth_accounts (user_id);
${platformTableSql('auth_accounts')}

CREATE TABLE verifications (
  id text PRIMARY KEY,
  identifier text NOT NULL,
  value text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verifications_identifier ON verifications (identifier);
${platformTableSql('verifications')}

CREATE TABLE two_factors (
  id text PRIMARY KEY,
  secret text NOT NULL,
  backup_codes text NOT NULL,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  verified boolean NOT NULL DEFAULT true,
  failed_verification_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);
CREATE INDEX two_factors_user ON two_factors (user_id);
CREATE INDEX two_factors_secret ON two_factors (secret);
${platformTableSql('two_factors')}

-- The operator's record of suspicious activity; not a tenant table (it spans tenants).
CREATE TABLE security_log (
  id text PRIMARY KEY,
  kind text NOT NULL,
  ip text,
  user_id text,
  email text,
  workspace_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_log_created ON security_log (created_at DESC);
CREATE INDEX security_log_kind ON security_log (kind, created_at DESC);
${platformTableSql('security_log')}

CREATE TABLE memberships (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'agent', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_role ON memberships (tenant_id, role);
${tenantTableSql('memberships')}

CREATE TABLE invitations (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
  token_hash text NOT NULL,
  invited_by text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
  expires_at timestamptz NOT NULL,
  responded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX invitations_token ON invitations (tenant_id, token_hash);
CREATE UNIQUE INDEX invitations_pending_email ON invitations (tenant_id, email) WHERE status = 'pending';
${tenantTableSql('invitations')}

CREATE TABLE api_keys (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  secret_hash text NOT NULL,
  display_prefix text NOT NULL,
  scopes text[] NOT NULL,
  agent_ids text[],
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX api_keys_secret ON api_keys (tenant_id, secret_hash);
${tenantTableSql('api_keys')}

-- Kept when a workspace is deleted (its tenant row stays as a tombstone).
CREATE TABLE audit_log (
  tenant_id text NOT NULL REFERENCES tenants(id) ON DELETE RESTRICT,
  id text NOT NULL,
  actor_type text NOT NULL,
  actor_id text,
  actor_label text NOT NULL,
  impersonator_id text,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text,
  before jsonb,
  after jsonb,
  ip text,
  request_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_created ON audit_log (tenant_id, created_at DESC);
CREATE INDEX audit_log_action ON audit_log (tenant_id, action, created_at DESC);
CREATE INDEX audit_log_target ON audit_log (tenant_id, target_type, target_id);
${tenantTableSql('audit_log')}
`,
};
