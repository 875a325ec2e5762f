import type { Config } from '../platform/config';
import { rebuildAnalytics } from '../modules/analytics';
import { getTenantStatus } from '../modules/tenants';
import { cliMeta, CommandError, requireOption, UsageError, withCommandRuntime } from './with-runtime';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Recomputes a workspace's analytics for a range of local days from the conversations
 * themselves: after a time zone change, a restore, or a fix to how a number is counted.
 * `--json` prints {"tenantId","from","to","conversations","days"}.
 */
export async function runAnalyticsRebuild(
  config: Config,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const tenantId = requireOption(values, 'tenant');
  if (!/^ten_[0-9a-z]{26}$/.test(tenantId)) throw new UsageError('--tenant: expected a workspace id like ten_01…');
  const from = requireOption(values, 'from');
  const to = requireOption(values, 'to');
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (!DATE.test(value)) throw new UsageError(`--${name}: expected a date like 2026-10-31`);
  return withCommandRuntime(
    config,
    async (runtime) => {
      const status = await getTenantStatus(tenantId);
      if (status === null)
        throw new CommandError(
          `No workspace ${tenantId} in ${runtime.database.describe}: is this the database your server uses?`,
        );
      const result = await rebuildAnalytics(
        { tenantId, actor: { type: 'system', reason: 'cli' }, ...cliMeta },
        { from, to },
      );
      if (values.json) console.log(JSON.stringify({ tenantId, from, to, ...result }));
      else
        console.log(
          `Analytics of ${tenantId} rebuilt from ${from} to ${to}: ${result.conversations} conversations, ${result.days} days.`,
        );
      return 0;
    },
    { needsData: true, json: Boolean(values.json) },
  );
}
