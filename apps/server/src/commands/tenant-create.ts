import type { Config } from '../platform/config';
import { createApiKey, provisionUser } from '../modules/accounts';
import { createWorkspace, workspaceName } from '../modules/tenants';
import { z } from 'zod';
import { cliMeta, requireOption, UsageError, withCommandRuntime } from './with-runtime';

/**
 * A workspace, its owner (created without a password when new: they set one through
 * "Forgot password") and a read/write API key. `--json` prints exactly
 * {"tenantId","ownerEmail","apiKey"}.
 */
export async function runTenantCreate(
  config: Config,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const name = workspaceName.safeParse(requireOption(values, 'name'));
  if (!name.success) throw new UsageError(`--name: ${name.error.issues[0]!.message}`);
  const email = z.string().trim().toLowerCase().email().safeParse(requireOption(values, 'owner-email'));
  if (!email.success) throw new UsageError('--owner-email: enter a valid email address');
  return withCommandRuntime(
    config,
    async () => {
      const owner = await provisionUser({ email: email.data, name: email.data.split('@')[0]! });
      const tenant = await createWorkspace({ userId: owner.id, email: email.data }, { name: name.data }, cliMeta);
      const { secret } = await createApiKey(
        {
          tenantId: tenant.id,
          actor: { type: 'user', userId: owner.id, email: email.data, role: 'owner' },
          ...cliMeta,
        },
        { name: 'Created with switchboard tenant create', scopes: ['read', 'write'] },
      );
      if (values.json) {
        console.log(JSON.stringify({ tenantId: tenant.id, ownerEmail: email.data, apiKey: secret }));
        return 0;
      }
      console.log(`Created workspace "${tenant.name}" (${tenant.id}) owned by ${email.data}.`);
      console.log(`API key (shown once): ${secret}`);
      if (owner.created) console.log(`The owner sets a password at ${config.appUrl}/forgot-password`);
      return 0;
    },
    { json: Boolean(values.json) },
  );
}
