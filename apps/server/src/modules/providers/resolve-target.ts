import { eq } from 'drizzle-orm';
import { secrets } from '../../platform/crypto';
import type { ModelTarget } from '../../platform/llm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import type { ModelChoice } from '../agents';
import { keyAad } from './credentials';
import { platformModels } from './platform-models';
import { providerCredentials } from './schema';

/**
 * Where a model choice sends its requests: the workspace's own key (decrypted only here, for
 * the call) or the platform's; null when neither is configured. A workspace's credential is
 * `trust: 'tenant'`: the model layer sends every request through the egress guard, which
 * checks its address on each request and redirect (DNS may change after it was saved).
 */
export async function resolveModelTarget(ctx: ServiceContext, choice: ModelChoice | null): Promise<ModelTarget | null> {
  if (!choice) return null;
  if (!choice.credentialId) return platformModels().target(choice.provider, choice.modelId);
  const [row] = await withTenant(ctx, (tx) =>
    tx.db.select().from(providerCredentials).where(eq(providerCredentials.id, choice.credentialId!)),
  );
  if (!row) return null;
  return {
    provider: row.provider,
    modelId: choice.modelId,
    keyId: row.id,
    trust: 'tenant',
    ...(row.apiKeyEnc && { apiKey: secrets().decrypt(row.apiKeyEnc, keyAad(ctx.tenantId, row.id)) }),
    ...(row.baseUrl && { baseURL: row.baseUrl }),
  };
}
