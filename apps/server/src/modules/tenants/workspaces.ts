import { and, eq, inArray } from 'drizzle-orm';
import { workspaceName } from '@switchboard/contract/tenants';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { enqueue } from '../../platform/jobs';
import { withPlatform, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { newWorkspacePlan, slugify } from './create-tenant';
import { purgeTenantJob } from './purge-tenant';
import { memberships, tenants, type Tenant } from './schema';
import { forgetTenantStatus } from './tenant-status';

export { workspaceName };

export interface WorkspaceSummary {
  id: string;
  name: string;
  slug: string;
  status: Tenant['status'];
  role: string;
}

/**
 * A new workspace with its creator as owner, recorded in its audit log, in one transaction
 * (the platform role may write the tenant's first rows).
 */
export async function createWorkspace(
  owner: { userId: string; email: string },
  input: { name: string },
  meta: { requestId: string; ip?: string },
): Promise<Tenant> {
  const name = workspaceName.parse(input.name);
  const id = newId('ten');
  return withPlatform(async (tx) => {
    const [tenant] = await tx.db
      .insert(tenants)
      .values({ id, name, slug: `${slugify(name)}-${id.slice(-6)}`, plan: newWorkspacePlan() })
      .returning();
    await tx.db.insert(memberships).values({ tenantId: id, userId: owner.userId, role: 'owner' });
    const ctx: ServiceContext = {
      tenantId: id,
      actor: { type: 'user', userId: owner.userId, email: owner.email, role: 'owner' },
      ...meta,
    };
    await recordAudit(tx, ctx, { action: 'workspace.created', targetType: 'workspace', targetId: id, after: { name } });
    return tenant!;
  });
}

export async function getWorkspace(ctx: ServiceContext): Promise<Tenant> {
  assertCan(ctx, 'workspace.read');
  const tenant = await withPlatform(
    async (tx) => (await tx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId)))[0],
  );
  if (!tenant) throw new NotFoundError('Workspace');
  return tenant;
}

export async function renameWorkspace(ctx: ServiceContext, input: { name: string }): Promise<Tenant> {
  assertCan(ctx, 'workspace.update');
  const name = workspaceName.parse(input.name);
  return withPlatform(async (tx) => {
    const [before] = await tx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    if (!before) throw new NotFoundError('Workspace');
    const [after] = await tx.db
      .update(tenants)
      .set({ name, updatedAt: new Date() })
      .where(eq(tenants.id, ctx.tenantId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'workspace.renamed',
      targetType: 'workspace',
      targetId: ctx.tenantId,
      before: { name: before.name },
      after: { name },
    });
    return after!;
  });
}

/**
 * Marks the workspace for deletion (typed confirmation: its exact name) and queues the purge
 * in the same transaction. Its data goes; its audit log and tombstone stay.
 */
export async function deleteWorkspace(ctx: ServiceContext, input: { confirm: string }): Promise<void> {
  assertCan(ctx, 'workspace.delete');
  await withPlatform(async (tx) => {
    const [tenant] = await tx.db.select().from(tenants).where(eq(tenants.id, ctx.tenantId)).for('update');
    if (!tenant || tenant.status === 'deleting' || tenant.status === 'deleted') throw new NotFoundError('Workspace');
    if (input.confirm !== tenant.name) {
      throw new ValidationError(
        `Type the workspace name, "${tenant.name}", to confirm.`,
        [{ path: 'confirm', message: 'Does not match the workspace name' }],
        'confirmation_mismatch',
      );
    }
    await tx.db.update(tenants).set({ status: 'deleting', updatedAt: new Date() }).where(eq(tenants.id, ctx.tenantId));
    await recordAudit(tx, ctx, {
      action: 'workspace.deleted',
      targetType: 'workspace',
      targetId: ctx.tenantId,
      before: { name: tenant.name, status: tenant.status },
    });
    await enqueue(tx, purgeTenantJob, { tenantId: ctx.tenantId });
    tx.afterCommit(() => forgetTenantStatus(ctx.tenantId));
  });
}

/** The workspaces a person belongs to (live ones only), for the switcher. */
export async function listWorkspacesForUser(userId: string): Promise<WorkspaceSummary[]> {
  return withPlatform(async (tx) =>
    tx.db
      .select({
        id: tenants.id,
        name: tenants.name,
        slug: tenants.slug,
        status: tenants.status,
        role: memberships.role,
      })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), inArray(tenants.status, ['active', 'suspended'])))
      .orderBy(tenants.name),
  );
}

export { ConflictError };
