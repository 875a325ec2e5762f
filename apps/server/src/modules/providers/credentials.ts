import { assertEgressAllowed } from '../../platform/egress';
import { and, eq, sql } from 'drizzle-orm';
import { credentialInput, credentialPatch } from '@switchboard/contract/providers';
import type { z } from 'zod';
import { secrets } from '../../platform/crypto';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { providerCredentials, type CredentialRow } from './schema';

/** What any API answers about a credential: never the key, only its last characters. */
export interface CredentialView {
  id: string;
  provider: CredentialRow['provider'];
  label: string;
  baseUrl: string | null;
  keyPreview: string | null;
  lastTestedAt: Date | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  createdAt: Date;
}

export const credentialView = (row: CredentialRow): CredentialView => ({
  id: row.id,
  provider: row.provider,
  label: row.label,
  baseUrl: row.baseUrl,
  keyPreview: row.keyHint ? `••••${row.keyHint}` : null,
  lastTestedAt: row.lastTestedAt,
  lastTestOk: row.lastTestOk,
  lastTestMessage: row.lastTestMessage,
  createdAt: row.createdAt,
});

/** Associated data: the ciphertext opens only for this tenant and row. */
export const keyAad = (tenantId: string, id: string) => `${tenantId}:${id}:provider-key`;

const seal = (tenantId: string, id: string, key: string | null | undefined) =>
  key
    ? { apiKeyEnc: secrets().encrypt(key, keyAad(tenantId, id)), keyHint: key.slice(-4) }
    : { apiKeyEnc: null, keyHint: null };

export async function createCredential(
  ctx: ServiceContext,
  input: z.input<typeof credentialInput>,
): Promise<CredentialView> {
  assertCan(ctx, 'workspace.update');
  const data = credentialInput.parse(input);
  if (data.baseUrl) await assertEgressAllowed(data.baseUrl);
  const id = newId('prv');
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(providerCredentials)
      .values({
        tenantId: ctx.tenantId,
        id,
        provider: data.provider,
        label: data.label,
        baseUrl: data.baseUrl ?? null,
        ...seal(ctx.tenantId, id, data.apiKey),
        createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'provider_key.created',
      targetType: 'provider_key',
      targetId: id,
      after: { provider: data.provider, label: data.label, baseUrl: data.baseUrl ?? null },
    });
    return credentialView(row!);
  });
}

export async function listCredentials(ctx: ServiceContext): Promise<CredentialView[]> {
  assertCan(ctx, 'agents.read');
  const rows = await withTenant(ctx, (tx) =>
    tx.db.select().from(providerCredentials).orderBy(providerCredentials.createdAt),
  );
  return rows.map(credentialView);
}

export async function lockCredential(tx: Tx, id: string): Promise<CredentialRow> {
  const [row] = await tx.db.select().from(providerCredentials).where(eq(providerCredentials.id, id)).for('update');
  if (!row) throw new NotFoundError('Provider key', 'not_found', { table: 'provider_credentials', id });
  return row;
}

export async function updateCredential(
  ctx: ServiceContext,
  id: string,
  patch: z.input<typeof credentialPatch>,
): Promise<CredentialView> {
  assertCan(ctx, 'workspace.update');
  const data = credentialPatch.parse(patch);
  if (data.baseUrl) await assertEgressAllowed(data.baseUrl);
  return withTenant(ctx, async (tx) => {
    const before = await lockCredential(tx, id);
    const [row] = await tx.db
      .update(providerCredentials)
      .set({
        ...(data.label !== undefined && { label: data.label }),
        ...(data.baseUrl !== undefined && { baseUrl: data.baseUrl }),
        ...(data.apiKey !== undefined && seal(ctx.tenantId, id, data.apiKey)),
        lastTestedAt: null,
        lastTestOk: null,
        lastTestMessage: null,
        updatedAt: new Date(),
      })
      .where(eq(providerCredentials.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'provider_key.updated',
      targetType: 'provider_key',
      targetId: id,
      before: {
        label: before.label,
        baseUrl: before.baseUrl,
        keyPreview: before.keyHint ? `••••${before.keyHint}` : null,
      },
      after: { label: row!.label, baseUrl: row!.baseUrl, keyPreview: row!.keyHint ? `••••${row!.keyHint}` : null },
    });
    return credentialView(row!);
  });
}

/** Refused while an agent's draft or live version still uses the key. */
export async function deleteCredential(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'workspace.update');
  await withTenant(ctx, async (tx) => {
    const before = await lockCredential(tx, id);
    const { rows } = await tx.query<{ name: string }>(
      `SELECT DISTINCT a.name FROM agents a
        LEFT JOIN agent_versions v ON v.agent_id = a.id AND v.version = a.published_version
        WHERE a.status <> 'archived' AND ($1 IN (a.draft #>> '{model,credentialId}', a.draft #>> '{fallbackModel,credentialId}',
              v.config #>> '{model,credentialId}', v.config #>> '{fallbackModel,credentialId}'))`,
      [id],
    );
    if (rows.length)
      throw new ConflictError(
        `This key is used by ${rows.map((r) => r.name).join(', ')}. Choose another model for them first.`,
        'credential_in_use',
      );
    await tx.db.delete(providerCredentials).where(and(eq(providerCredentials.id, id)));
    await recordAudit(tx, ctx, {
      action: 'provider_key.deleted',
      targetType: 'provider_key',
      targetId: id,
      before: { provider: before.provider, label: before.label },
    });
  });
}

export async function recordTestResult(
  ctx: ServiceContext,
  id: string,
  ok: boolean,
  message: string,
): Promise<CredentialView> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .update(providerCredentials)
      .set({ lastTestedAt: sql`now()`, lastTestOk: ok, lastTestMessage: message.slice(0, 500) })
      .where(eq(providerCredentials.id, id))
      .returning();
    if (!row) throw new NotFoundError('Provider key');
    return credentialView(row);
  });
}
