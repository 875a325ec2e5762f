import { z } from 'zod';
import { TtlCache } from '../../platform/cache/ttl-cache';
import { detachedFromTransaction, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { handoffSettings } from './schema';
import { DEFAULT_HANDOFF_SETTINGS, handoffSettingsSchema, type HandoffSettings } from './settings-schema';

/**
 * The workspace's hand-off settings inside a tenant transaction (the chat turn reads them
 * with its lock held). Stored settings are parsed again, so fields added later get defaults.
 */
export async function readHandoffSettings(tx: Tx): Promise<HandoffSettings> {
  const [row] = await tx.db.select({ settings: handoffSettings.settings }).from(handoffSettings);
  return row ? handoffSettingsSchema.parse(row.settings) : DEFAULT_HANDOFF_SETTINGS;
}

/** What a chat turn consults before every answer: remembered five seconds per workspace. */
const remembered = new TtlCache<string, HandoffSettings>({ ttlMs: 5_000, max: 10_000, refreshAheadMs: 1_000 });

/**
 * The settings for a chat turn's rules, from this process's memory when read in the last five
 * seconds: a change takes effect here at once and on other processes within that time. A
 * workspace chatting steadily has them read again in the background (its own transaction)
 * before they expire, not inside a turn's.
 */
export async function handoffSettingsForTurn(tx: Tx): Promise<HandoffSettings> {
  const tenantId = tx.tenantId!;
  const inThisTransaction = () => readHandoffSettings(tx);
  const inItsOwn = () => detachedFromTransaction(() => withTenant({ tenantId }, readHandoffSettings));
  return (await remembered.read(tenantId, inThisTransaction, inItsOwn))!;
}

export async function getHandoffSettings(ctx: ServiceContext): Promise<HandoffSettings> {
  assertCan(ctx, 'conversations.read');
  return withTenant(ctx, (tx) => readHandoffSettings(tx));
}

export const updateHandoffSettingsInput = handoffSettingsSchema;

/** Replaces the settings (a whole document: the dashboard saves the form), audited. */
export async function updateHandoffSettings(
  ctx: ServiceContext,
  input: z.input<typeof updateHandoffSettingsInput>,
): Promise<HandoffSettings> {
  assertCan(ctx, 'workspace.update');
  const settings = updateHandoffSettingsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const before = await readHandoffSettings(tx);
    const updatedBy = ctx.actor.type === 'user' ? ctx.actor.userId : null;
    await tx.db
      .insert(handoffSettings)
      .values({ tenantId: ctx.tenantId, settings, updatedBy })
      .onConflictDoUpdate({ target: handoffSettings.tenantId, set: { settings, updatedBy, updatedAt: new Date() } });
    tx.afterCommit(() => remembered.delete(ctx.tenantId));
    await recordAudit(tx, ctx, {
      action: 'handoff_settings.updated',
      targetType: 'workspace',
      targetId: ctx.tenantId,
      before,
      after: settings,
    });
    return settings;
  });
}
