import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Platform table (no RLS): reached only through withPlatform by platform services. */
export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  status: text('status', { enum: ['active', 'suspended', 'deleting', 'deleted'] })
    .notNull()
    .default('active'),
  plan: text('plan').notNull().default('unlimited'),
  suspendedReason: text('suspended_reason'),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Tenant = typeof tenants.$inferSelect;

/* Tenant table (RLS): who belongs to a workspace, with which role. */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: text('tenant_id').notNull(),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'manager', 'agent', 'viewer'] }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('memberships_role').on(t.tenantId, t.role)],
);

export type Membership = typeof memberships.$inferSelect;

/**
 * Platform table: which workspace a publishable key (the widget's `pk_…`) belongs to. A
 * public request names only the key, and RLS needs the tenant first; the workspace's own row
 * (widget_settings) still has to hold the key for it to work.
 */
export const publicKeyRegistry = pgTable('public_key_registry', {
  publicKey: text('public_key').primaryKey(),
  workspaceId: text('workspace_id').notNull(),
  kind: text('kind', { enum: ['widget', 'channel'] }).notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
