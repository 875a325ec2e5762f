import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { randomToken } from '../accounts';
import { agents } from '../agents';
import { recordAudit } from '../audit';
import { forgetPublicKey, registerPublicKey } from '../tenants';
import { widgetSettingsPatch } from '@switchboard/contract/widget';
import { readConfig, type WidgetConfig } from './config';
import { normalizeOrigins } from './origins';
import { forgetWidget } from './resolve-widget';
import { widgetSettings, type WidgetSettingsRow } from './schema';

export interface WidgetView {
  agentId: string;
  agentName: string;
  publicKey: string;
  allowedOrigins: string[];
  config: WidgetConfig;
  createdAt: Date;
  updatedAt: Date;
}

const agentIdSchema = z.string().regex(/^agt_[0-9a-z]{26}$/, 'Not an agent id');

export const newPublicKey = () => `pk_${randomToken(32)}`;

async function agentName(tx: Tx, agentId: string): Promise<string> {
  const [agent] = await tx.db
    .select({ name: agents.name, status: agents.status })
    .from(agents)
    .where(eq(agents.id, agentId));
  if (!agent || agent.status === 'archived')
    throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
  return agent.name;
}

const view = (row: WidgetSettingsRow, name: string): WidgetView => ({
  agentId: row.agentId,
  agentName: name,
  publicKey: row.publicKey,
  allowedOrigins: row.allowedOrigins,
  config: readConfig(row.config),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

async function load(tx: Tx, agentId: string, lock = false): Promise<WidgetSettingsRow> {
  const query = tx.db.select().from(widgetSettings).where(eq(widgetSettings.agentId, agentId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row)
    throw new NotFoundError('Widget', 'not_found', { table: 'widget_settings', column: 'agent_id', id: agentId });
  return row;
}

export async function listWidgets(ctx: ServiceContext): Promise<WidgetView[]> {
  assertCan(ctx, 'channels.manage');
  return withTenant(ctx, async (tx) => {
    const rows = await tx.db
      .select({ widget: widgetSettings, name: agents.name })
      .from(widgetSettings)
      .innerJoin(agents, eq(agents.id, widgetSettings.agentId))
      .orderBy(asc(agents.name));
    return rows.map((r) => view(r.widget, r.name));
  });
}

export async function getWidget(ctx: ServiceContext, agentId: string): Promise<WidgetView> {
  assertCan(ctx, 'channels.manage');
  const id = agentIdSchema.parse(agentId);
  return withTenant(ctx, async (tx) => {
    const name = await agentName(tx, id);
    return view(await load(tx, id), name);
  });
}

/** The agent's widget, made with defaults (and a fresh key) the first time. */
export async function ensureWidget(
  ctx: ServiceContext,
  input: { agentId: string },
): Promise<{ widget: WidgetView; created: boolean }> {
  assertCan(ctx, 'channels.manage');
  const agentId = agentIdSchema.parse(input.agentId);
  const existing = await withTenant(ctx, async (tx) => {
    const name = await agentName(tx, agentId);
    const [row] = await tx.db.select().from(widgetSettings).where(eq(widgetSettings.agentId, agentId));
    return row ? view(row, name) : null;
  });
  if (existing) return { widget: existing, created: false };
  const publicKey = newPublicKey();
  await registerPublicKey(publicKey, ctx.tenantId, 'widget');
  const widget = await withTenant(ctx, async (tx) => {
    const name = await agentName(tx, agentId);
    const [row] = await tx.db
      .insert(widgetSettings)
      .values({ tenantId: ctx.tenantId, agentId, publicKey })
      .onConflictDoNothing()
      .returning();
    // A concurrent request made it first: its key stands, ours routes nowhere.
    if (!row) return view(await load(tx, agentId), name);
    await recordAudit(tx, ctx, {
      action: 'widget.created',
      targetType: 'widget',
      targetId: agentId,
      after: { publicKey },
    });
    return view(row, name);
  });
  if (widget.publicKey !== publicKey) await forgetPublicKey(publicKey, ctx.tenantId);
  return { widget, created: widget.publicKey === publicKey };
}

export async function updateWidget(
  ctx: ServiceContext,
  agentId: string,
  input: z.input<typeof widgetSettingsPatch>,
): Promise<WidgetView> {
  assertCan(ctx, 'channels.manage');
  const id = agentIdSchema.parse(agentId);
  const patch = widgetSettingsPatch.parse(input);
  const origins = patch.allowedOrigins ? normalizeOrigins(patch.allowedOrigins) : undefined;
  return withTenant(ctx, async (tx) => {
    const name = await agentName(tx, id);
    const row = await load(tx, id, true);
    const before = readConfig(row.config);
    const config: WidgetConfig = {
      look: patch.look ?? before.look,
      language: patch.language ?? before.language,
      leadForm: patch.leadForm ?? before.leadForm,
      csat: patch.csat ?? before.csat,
      attachments: patch.attachments ?? before.attachments,
    };
    if (config.leadForm.fields.some((f) => f.key === 'email' && f.type !== 'email')) {
      throw new ValidationError('The email field must have the email type.', [
        { path: 'leadForm.fields', message: 'email must be of type email' },
      ]);
    }
    const [updated] = await tx.db
      .update(widgetSettings)
      .set({ config, allowedOrigins: origins ?? row.allowedOrigins, updatedAt: new Date() })
      .where(eq(widgetSettings.agentId, id))
      .returning();
    tx.afterCommit(() => forgetWidget(row.publicKey));
    await recordAudit(tx, ctx, {
      action: 'widget.updated',
      targetType: 'widget',
      targetId: id,
      before: { allowedOrigins: row.allowedOrigins, ...before },
      after: { allowedOrigins: updated!.allowedOrigins, ...config },
    });
    return view(updated!, name);
  });
}

/** A new publishable key; the old one stops working at once (pages still using it show nothing). */
export async function rotateWidgetKey(ctx: ServiceContext, agentId: string): Promise<WidgetView> {
  assertCan(ctx, 'channels.manage');
  const id = agentIdSchema.parse(agentId);
  await withTenant(ctx, async (tx) => {
    await agentName(tx, id);
    await load(tx, id);
  });
  const publicKey = newPublicKey();
  await registerPublicKey(publicKey, ctx.tenantId, 'widget');
  const { widget, old } = await withTenant(ctx, async (tx) => {
    const name = await agentName(tx, id);
    const row = await load(tx, id, true);
    const [updated] = await tx.db
      .update(widgetSettings)
      .set({ publicKey, updatedAt: new Date() })
      .where(eq(widgetSettings.agentId, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'widget.key_rotated',
      targetType: 'widget',
      targetId: id,
      before: { publicKey: row.publicKey },
      after: { publicKey },
    });
    return { widget: view(updated!, name), old: row.publicKey };
  });
  forgetWidget(old);
  await forgetPublicKey(old, ctx.tenantId);
  return widget;
}
