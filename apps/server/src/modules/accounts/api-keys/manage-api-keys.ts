import { and, desc, eq, isNull } from 'drizzle-orm';
import { createApiKeyInput } from '@switchboard/contract/accounts';
import type { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../../platform/errors';
import { newId } from '../../../platform/ids';
import { withTenant, type ServiceContext } from '../../../platform/tenancy';
import { assertCan } from '../../access';
import { recordAudit } from '../../audit';
import { apiKeys, type ApiKeyRow } from '../schema';
import { generateApiKey, hashApiKey } from './key-format';
import { forgetApiKey } from './verify-api-key';
import { findUsersByIds } from '../users';

export type ApiKeySummary = Omit<ApiKeyRow, 'secretHash' | 'tenantId'> & { createdByName?: string | null };

const summary = ({ secretHash: _hash, tenantId: _tenant, ...rest }: ApiKeyRow): ApiKeySummary => rest;

/** Creates a key; its secret is returned this once and stored only as a hash. */
export async function createApiKey(
  ctx: ServiceContext,
  input: z.input<typeof createApiKeyInput>,
): Promise<{ apiKey: ApiKeySummary; secret: string }> {
  assertCan(ctx, 'api_keys.manage');
  // An impersonation ends after an hour; a key made during it would not (revoking stays allowed).
  if (ctx.actor.type === 'user' && ctx.actor.impersonatorId) {
    throw new ForbiddenError(
      'API keys cannot be created while impersonating someone: the key would outlive the impersonation. Ask a member of the workspace to create it.',
      'impersonation_forbidden',
    );
  }
  const data = createApiKeyInput.parse(input);
  const { key, displayPrefix } = generateApiKey(ctx.tenantId);
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(apiKeys)
      .values({
        tenantId: ctx.tenantId,
        id: newId('key'),
        name: data.name,
        secretHash: hashApiKey(key),
        displayPrefix,
        scopes: [...new Set(data.scopes)],
        agentIds: data.agentIds?.length ? data.agentIds : null,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      })
      .returning();
    const apiKey = summary(row!);
    await recordAudit(tx, ctx, {
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: apiKey.id,
      after: { name: apiKey.name, scopes: apiKey.scopes, agentIds: apiKey.agentIds, prefix: displayPrefix },
    });
    return { apiKey, secret: key };
  });
}

export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeySummary[]> {
  assertCan(ctx, 'api_keys.manage');
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt)));
  const people = await findUsersByIds(rows.flatMap((r) => (r.createdBy ? [r.createdBy] : [])));
  return rows.map((row) => {
    const creator = row.createdBy ? people.get(row.createdBy) : undefined;
    return { ...summary(row), createdByName: creator ? creator.name || creator.email : null };
  });
}

export async function revokeApiKey(ctx: ServiceContext, keyId: string): Promise<ApiKeySummary> {
  assertCan(ctx, 'api_keys.manage');
  return withTenant(ctx, async (tx) => {
    const [row] = await tx.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError('API key', 'not_found', { table: 'api_keys', id: keyId });
    tx.afterCommit(() => forgetApiKey(keyId));
    await recordAudit(tx, ctx, {
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: keyId,
      before: { name: row.name, scopes: row.scopes },
    });
    return summary(row);
  });
}
