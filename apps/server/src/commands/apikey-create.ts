import type { Config } from '../platform/config';
import { createApiKey } from '../modules/accounts';
import { getTenantStatus } from '../modules/tenants';
import { cliMeta, CommandError, requireOption, UsageError, withCommandRuntime } from './with-runtime';

/** `--json` prints {"tenantId","apiKeyId","apiKey"}. */
export async function runApiKeyCreate(
  config: Config,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const tenantId = requireOption(values, 'tenant');
  if (!/^ten_[0-9a-z]{26}$/.test(tenantId)) throw new UsageError('--tenant: expected a workspace id like ten_01…');
  const scopes = (typeof values.scopes === 'string' ? values.scopes : 'read,write').split(',').map((s) => s.trim());
  if (!scopes.every((s) => s === 'read' || s === 'write'))
    throw new UsageError('--scopes: a comma-separated list of read, write');
  const name =
    typeof values.name === 'string' && values.name.trim()
      ? values.name.trim()
      : 'Created with switchboard apikey create';
  return withCommandRuntime(
    config,
    async (runtime) => {
      const status = await getTenantStatus(tenantId);
      if (status === null)
        throw new CommandError(
          `No workspace ${tenantId} in ${runtime.database.describe}: is this the database your server uses?`,
        );
      if (status !== 'active') throw new CommandError(`Workspace ${tenantId} is ${status}, not active.`);
      const { apiKey, secret } = await createApiKey(
        { tenantId, actor: { type: 'system', reason: 'cli' }, ...cliMeta },
        { name, scopes: scopes as Array<'read' | 'write'> },
      );
      if (values.json) console.log(JSON.stringify({ tenantId, apiKeyId: apiKey.id, apiKey: secret }));
      else console.log(`API key for ${tenantId} (shown once): ${secret}`);
      return 0;
    },
    { needsData: true, json: Boolean(values.json) },
  );
}
