import { sql } from 'drizzle-orm';
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
  withTenant(
    { tenantId },
    async (tx) => (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM events_outbox')).rows[0]!.n,
  );

describe('withTenant', () => {
  it.each([[''], [undefined], [null], ['acme'], ["ten_x'; DROP TABLE tenants; --"]])(
    'refuses the tenant id %j',
    (tenantId) => {
      expect(() => withTenant({ tenantId: tenantId as string }, async () => 1)).toThrow(MissingTenantError);
    },
  );

  it('runs as the restricted role with the tenant set, and ends with both reset', async () => {
    const seen = await withTenant({ tenantId: a }, async (tx) => {
      const { rows } = await tx.query<{ role: string; tenant: string; bypass: boolean }>(
        `SELECT current_user AS role, current_setting('app.tenant_id', true) AS tenant,
                (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass`,
      );
      return rows[0]!;
    });
    expect(seen).toEqual({ role: 'switchboard_app', tenant: a, bypass: false });
    const after = await withPlatform(
      async (tx) => (await tx.query<{ role: string }>('SELECT current_user AS role')).rows[0]!.role,
    );
    expect(after).toBe('switchboard_platform');
  });

  it('commits on success and rolls back on error', async () => {
    const before = await countEvents(a);
    await withTenant({ tenantId: a }, (tx) =>
      tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'kept')`, [a]),
    );
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

  it('keeps a forgotten WHERE clause inside the tenant', async () => {
    await withTenant({ tenantId: b }, (tx) =>
      tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'b-only')`, [b]),
    );
    const types = await withTenant({ tenantId: a }, async (tx) =>
      (await tx.query<{ type: string }>('SELECT type FROM events_outbox')).rows.map((r) => r.type),
    );
    expect(types).not.toContain('b-only');
  });

  describe('a final statement sent with the COMMIT', () => {
    const ECHO = 'SELECT $1::text AS t, $2::text[] AS a, $3::int AS n, $4::text AS missing, $5::jsonb AS j';

    it('returns what the same parameterised statement returns, whatever the values hold', async () => {
      const values = [
        "it's \\ a 'quote' \\n",
        ['a', 'b"c', "d'e", 'f\\g', 'h,i', ''],
        42,
        null,
        JSON.stringify({ k: "v'\\" }),
      ];
      const [direct, final] = await Promise.all([
        withTenant({ tenantId: a }, async (tx) => (await tx.query(ECHO, values)).rows),
        withTenant({ tenantId: a }, async (tx) => (await tx.preparedWithCommit('test_echo', ECHO, values)).rows),
      ]);
      expect(final).toEqual(direct);
      expect(final[0]).toMatchObject({ t: values[0], a: values[1], n: 42, missing: null, j: { k: "v'\\" } });
    });

    it('commits the transaction: its writes and the earlier ones are kept, its after-commit hooks run', async () => {
      const before = await countEvents(a);
      const ran: string[] = [];
      const rows = await withTenant({ tenantId: a }, async (tx) => {
        tx.afterCommit(() => ran.push('hook'));
        await tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'before-final')`, [a]);
        return (
          await tx.preparedWithCommit<{ type: string }>(
            'test_insert',
            `INSERT INTO events_outbox (tenant_id, type) VALUES ($1, $2) RETURNING type`,
            [a, 'final'],
          )
        ).rows;
      });
      expect(rows).toEqual([{ type: 'final' }]);
      expect(await countEvents(a)).toBe(before + 2);
      expect(ran).toEqual(['hook']);
    });

    it('ends the transaction: nothing can run in it afterwards, not even through Drizzle', async () => {
      const before = await countEvents(a);
      const attempts = await withTenant({ tenantId: a }, async (tx) => {
        await tx.preparedWithCommit('test_one', 'SELECT 1 AS one', []);
        const outcomes: string[] = [];
        for (const run of [
          () => tx.query('SELECT 1'),
          () => tx.db.execute(sql`INSERT INTO events_outbox (tenant_id, type) VALUES (${a}, 'stray')`),
        ]) {
          try {
            await run();
            outcomes.push('ran');
          } catch (error) {
            // Drizzle wraps the driver's error ("Failed query: …") with it as the cause.
            outcomes.push(((error as Error).cause as Error | undefined)?.message ?? (error as Error).message);
          }
        }
        return outcomes;
      });
      expect(attempts).toEqual([
        expect.stringMatching(/committed with its final statement/),
        expect.stringMatching(/committed with its final statement/),
      ]);
      expect(await countEvents(a)).toBe(before);
    });

    it('rolls back everything when it fails, and the connection serves the next transaction', async () => {
      const before = await countEvents(a);
      await expect(
        withTenant({ tenantId: a }, async (tx) => {
          await tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'undone')`, [a]);
          await tx.preparedWithCommit('test_fail', 'SELECT 1 / $1::int AS x', [0]);
        }),
      ).rejects.toThrow(/division by zero/);
      expect(await countEvents(a)).toBe(before);
      // The statement stays prepared on its connection: the next use executes it.
      const rows = await withTenant(
        { tenantId: a },
        async (tx) => (await tx.preparedWithCommit('test_fail', 'SELECT 1 / $1::int AS x', [1])).rows,
      );
      expect(rows).toEqual([{ x: 1 }]);
    });

    it('keeps RLS: it runs as the restricted role inside the tenant', async () => {
      await withTenant({ tenantId: b }, (tx) =>
        tx.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'b-secret')`, [b]),
      );
      const seen = await withTenant(
        { tenantId: a },
        async (tx) =>
          (
            await tx.preparedWithCommit<{ role: string; types: string[] }>(
              'test_rls',
              `SELECT current_user AS role, array(SELECT type FROM events_outbox) AS types`,
              [],
            )
          ).rows[0]!,
      );
      expect(seen.role).toBe('switchboard_app');
      expect(seen.types).not.toContain('b-secret');
    });

    it('does not commit a transaction it only joined', async () => {
      const before = await countEvents(a);
      await expect(
        withTenant({ tenantId: a }, async (outer) => {
          await outer.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'outer')`, [a]);
          await withTenant({ tenantId: a }, (inner) => inner.preparedWithCommit('test_one', 'SELECT 1 AS one', []));
          await outer.query(`INSERT INTO events_outbox (tenant_id, type) VALUES ($1, 'outer-after')`, [a]);
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await countEvents(a)).toBe(before);
    });
  });

  it('sends a first statement without parameters with BEGIN, inside the transaction, as the platform role', async () => {
    const seen = await withPlatform(
      async (tx, first) => ({
        first: first?.rows,
        txid: (await tx.query<{ txid: string }>('SELECT txid_current()::text AS txid')).rows[0]!.txid,
      }),
      `SELECT current_user AS role, txid_current()::text AS txid`,
    );
    expect(seen.first).toEqual([{ role: 'switchboard_platform', txid: seen.txid }]);
  });
});
