import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/support/database';
import { createTenant } from '../../modules/tenants';
import { MissingTenantError, withPlatform, withTenant } from './with-tenant';

useTestDatabase();

let a: string;
let b: string;
beforeAll(async () => {
  a = (await createTenant({ name: 'Acme' })).id;
  b = (await createTenant({ name: 'Globex' })).id;
});

const countEvents = (tenantId: string) =>
  withTenant({ tenantId }, async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM events_outbox')).rows[0]!.n);

describe('withTenant', () => {
  it.each([[''], [undefined], [null], ['acme'], ["ten_x'; DROP TABLE tenants; --"]])('refuses the tenant id %j', (tenantId) => {
    expect(() => withTenant({ tenantId: tenantId as string }, async () => 1)).toThrow(MissingTenantError);
  });

  it('runs as the restricted role with the tenant set, and ends with both reset', async () => {
    const seen = await withTenant({ tenantId: a }, async (tx) => {
      const { rows } = await tx.query<{ role: string; tenant: string; bypass: boolean }>(
        `SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant,
                (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass`,
      );
      return rows[0]!;
    });
    expect(seen).toEqual({ role: 'switchboard_app', tenant: a, bypass: false });
    const after = await withPlatform(async (tx) => (await tx.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role);
    expect(after).toBe('switchboard_platform');
  });

  it('commits on success and rolls back on error', async () => {
    const before = await countEvents(a);
    await withTenant({ tenantId: a }, (tx) => tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'kept')`, [a]));
    await expect(
      withTenant({ tenantId: a }, async (tx) => {
        await tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'dropped')`, [a]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await countEvents(a)).toBe(before + 1);
  });

  it('runs after-commit hooks only when the transaction commits', async () => {
    const ran: string[] = [];
    await withTenant({ tenantId: a }, async (tx) => tx.afterCommit(() => ran.push('committed')));
    await withTenant({ tenantId: a }, async (tx) => {
      tx.afterCommit(() => ran.push('rolled back'));
      throw new Error('no');
    }).catch(() => undefined);
    expect(ran).toEqual(['committed']);
  });

  it('joins an outer transaction of the same tenant and refuses to nest another', async () => {
    await withTenant({ tenantId: a }, async (outer) => {
      const inner = await withTenant({ tenantId: a }, async (tx) => tx);
      expect(inner).toBe(outer);
      await expect(withTenant({ tenantId: b }, async () => 1)).rejects.toThrow(/inside a tenant transaction/);
      await expect(withPlatform(async () => 1)).rejects.toThrow(/inside a tenant transaction/);
    });
  });

  it("keeps a forgotten WHERE clause inside the tenant", async () => {
    await withTenant({ tenantId: b }, (tx) => tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'b-only')`, [b]));
    const types = await withTenant({ tenantId: a }, async (tx) =>
      (await tx.query<{ type: string }>('SELECT type FROM events_outbox')).rows.map((r) => r.type),
    );
    expect(types).not.toContain('b-only');
  });
});
