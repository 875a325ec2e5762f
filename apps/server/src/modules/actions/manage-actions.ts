import { asc, eq } from 'drizzle-orm';
import { createActionInput, updateActionInput } from '@switchboard/contract/actions';
import type { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { actions, type ActionRow, type StoredHeader } from './schema';
import { hintOf, sealHeader } from './secrets';
import { assertTemplates } from './templates';
import { actionView, type ActionView } from './views';
import { assertFeature, assertFeatureInTransaction, assertWithinLimit } from '../plans';

type HeaderInput = z.infer<typeof createActionInput>['headers'][number];

export async function loadAction(tx: Tx, id: string, lock = false): Promise<ActionRow> {
  const query = tx.db.select().from(actions).where(eq(actions.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Action', 'not_found', { table: 'actions', id });
  return row;
}

/**
 * Headers to store: a secret value sealed; a secret header sent without a value keeps the one
 * stored under its name (the dashboard never has it to send back).
 */
function storeHeaders(tenantId: string, id: string, input: HeaderInput[], before: StoredHeader[]): StoredHeader[] {
  const names = input.map((h) => h.name.toLowerCase());
  if (new Set(names).size !== names.length)
    throw new ValidationError('The action is not valid.', [{ path: 'headers', message: 'Each header once' }]);
  return input.map((h, i) => {
    if (!h.secret) return { name: h.name, secret: false, value: h.value ?? '' };
    if (h.value)
      return { name: h.name, secret: true, valueEnc: sealHeader(tenantId, id, h.name, h.value), hint: hintOf(h.value) };
    const kept = before.find((b) => b.secret && b.name.toLowerCase() === h.name.toLowerCase());
    if (!kept)
      throw new ValidationError('The action is not valid.', [
        { path: `headers.${i}.value`, message: 'Enter the secret value' },
      ]);
    return kept;
  });
}

/** What the audit log keeps: no header values at all. */
const audited = (
  row: Pick<
    ActionRow,
    'name' | 'method' | 'url' | 'enabled' | 'requiresVerifiedVisitor' | 'requiresConfirmation' | 'headers'
  >,
) => ({
  name: row.name,
  method: row.method,
  url: row.url,
  enabled: row.enabled,
  requiresVerifiedVisitor: row.requiresVerifiedVisitor,
  requiresConfirmation: row.requiresConfirmation,
  headers: row.headers.map((h) => h.name),
});

async function assertNameFree(tx: Tx, name: string, id: string): Promise<void> {
  const [clash] = await tx.db.select({ id: actions.id }).from(actions).where(eq(actions.name, name));
  if (clash && clash.id !== id)
    throw new ConflictError('An action with this name already exists.', 'action_name_taken');
}

export async function createAction(ctx: ServiceContext, input: z.input<typeof createActionInput>): Promise<ActionView> {
  assertCan(ctx, 'actions.manage');
  await assertFeature(ctx, 'customActions');
  const data = createActionInput.parse(input);
  assertTemplates(data);
  const id = newId('act');
  const headers = storeHeaders(ctx.tenantId, id, data.headers, []);
  return withTenant(ctx, async (tx) => {
    await assertNameFree(tx, data.name, id);
    await assertFeatureInTransaction(tx, 'customActions');
    await assertWithinLimit(tx, ctx, 'customActions');
    const [row] = await tx.db
      .insert(actions)
      .values({
        tenantId: ctx.tenantId,
        id,
        name: data.name,
        description: data.description,
        inputSchema: data.inputSchema,
        method: data.method,
        url: data.url,
        headers,
        bodyTemplate: data.bodyTemplate,
        keep: data.keep,
        maxResponseBytes: data.maxResponseBytes,
        enabled: data.enabled,
        requiresVerifiedVisitor: data.requiresVerifiedVisitor,
        requiresConfirmation: data.requiresConfirmation,
      })
      .returning();
    await recordAudit(tx, ctx, { action: 'action.created', targetType: 'action', targetId: id, after: audited(row!) });
    return actionView(row!);
  });
}

export async function listActions(ctx: ServiceContext): Promise<ActionView[]> {
  assertCan(ctx, 'actions.manage');
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(actions).orderBy(asc(actions.name)));
  return rows.map(actionView);
}

export async function getAction(ctx: ServiceContext, id: string): Promise<ActionView> {
  assertCan(ctx, 'actions.manage');
  return actionView(await withTenant(ctx, (tx) => loadAction(tx, id)));
}

export async function updateAction(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateActionInput>,
): Promise<ActionView> {
  assertCan(ctx, 'actions.manage');
  const patch = updateActionInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await loadAction(tx, id, true);
    const next = {
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      inputSchema: patch.inputSchema ?? before.inputSchema,
      method: patch.method ?? before.method,
      url: patch.url ?? before.url,
      headers: patch.headers ? storeHeaders(ctx.tenantId, id, patch.headers, before.headers) : before.headers,
      bodyTemplate: patch.bodyTemplate === undefined ? before.bodyTemplate : patch.bodyTemplate,
      keep: patch.keep ?? before.keep,
      maxResponseBytes: patch.maxResponseBytes ?? before.maxResponseBytes,
      enabled: patch.enabled ?? before.enabled,
      requiresVerifiedVisitor: patch.requiresVerifiedVisitor ?? before.requiresVerifiedVisitor,
      requiresConfirmation: patch.requiresConfirmation ?? before.requiresConfirmation,
    };
    assertTemplates(next);
    if (next.name !== before.name) await assertNameFree(tx, next.name, id);
    const [row] = await tx.db
      .update(actions)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(actions.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'action.updated',
      targetType: 'action',
      targetId: id,
      before: audited(before),
      after: audited(row!),
    });
    return actionView(row!);
  });
}

export async function deleteAction(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'actions.manage');
  await withTenant(ctx, async (tx) => {
    const row = await loadAction(tx, id, true);
    await tx.db.delete(actions).where(eq(actions.id, id));
    await recordAudit(tx, ctx, { action: 'action.deleted', targetType: 'action', targetId: id, before: audited(row) });
  });
}
