import type { Context } from 'hono';
import { reportSecurityEvent } from '../security-events';
import { detachedFromTransaction, withPlatform } from '../tenancy';
import type { AppEnv } from './env';

const IDENTIFIER = /^[a-z_]+$/;

/**
 * A 404 for an id that exists in another workspace is a probe (or a bug in a client); it is
 * answered like any 404 and recorded in the security log, checked in the background so the
 * answer takes no longer either way.
 */
export function noteForeignProbe(c: Context<AppEnv>, probe: { table: string; column: string; id: string }): void {
  const tenantId = c.get('tenantId');
  if (!tenantId || !IDENTIFIER.test(probe.table) || !IDENTIFIER.test(probe.column)) return;
  const ip = c.get('ip');
  const actor = c.get('actor');
  const path = c.req.path;
  detachedFromTransaction(() =>
    setImmediate(() => {
      withPlatform((tx) =>
        tx.query<{ tenant_id: string }>(
          `SELECT tenant_id FROM ${probe.table} WHERE ${probe.column} = $1 AND tenant_id <> $2 LIMIT 1`,
          [probe.id, tenantId],
        ),
      )
        .then(({ rows }) => {
          if (!rows.length) return;
          reportSecurityEvent({
            kind: 'foreign_resource',
            ip,
            userId: actor?.type === 'user' ? actor.userId : null,
            workspaceId: tenantId,
            detail: { path, table: probe.table, id: probe.id, belongsTo: rows[0]!.tenant_id },
          });
        })
        .catch(() => undefined);
    }),
  );
}
