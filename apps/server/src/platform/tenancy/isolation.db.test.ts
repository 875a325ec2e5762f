import { beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { useTestDatabase } from '../../../test/support/database';
import { allIsolationFixtures } from '../../registry';
import { createTenant } from '../../modules/tenants';
import { APP_ROLE, PLATFORM_ROLE } from '../db/roles';

const testDb = useTestDatabase();
const pool = () => testDb.current.database.pool;

interface TableInfo {
  table: string;
  rls: boolean;
  forced: boolean;
}

async function tenantTables(): Promise<TableInfo[]> {
  const { rows } = await pool().query<TableInfo>(`
    SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     ORDER BY 1`);
  return rows;
}

/** Runs `fn` on one connection as the application role, optionally pinned to a tenant, then rolls back. */
async function asApp<T>(tenantId: string | null, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query(`BEGIN; SET LOCAL ROLE ${APP_ROLE}`);
    if (tenantId) await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    return await fn(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

/** A real user row, so fixtures referencing one fail only on RLS, never on a missing grant. */
async function fixtureUser(): Promise<string> {
  const id = `usr_${Math.random().toString(36).slice(2).padEnd(26, '0').slice(0, 26)}`;
  await pool().query(`INSERT INTO users (id, name, email) VALUES ($1, 'Fixture', $1 || '@example.test')`, [id]);
  return id;
}

async function fixtureInsert(fixture: (typeof allIsolationFixtures)[number], tenantId: string) {
  return fixture.insert({ tenantId, userId: await fixtureUser() });
}

/** Expects `sql` to be refused by row-level security, inside a savepoint so the transaction survives. */
async function expectRefused(client: pg.PoolClient, sql: string, params: unknown[]): Promise<void> {
  await client.query('SAVEPOINT attempt');
  const error = await client.query(sql, params).then(
    () => null,
    (e: { code?: string }) => e,
  );
  await client.query('ROLLBACK TO SAVEPOINT attempt');
  expect(error?.code, `expected RLS to refuse: ${sql}`).toBe('42501');
}

describe('catalog', () => {
  it('has forced row-level security on every table with a tenant_id', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(0);
    const unprotected = tables.filter((t) => !t.rls || !t.forced).map((t) => t.table);
    expect(unprotected).toEqual([]);
  });

  it('gives the application role exactly one policy per tenant table, the same for USING and WITH CHECK', async () => {
    for (const { table } of await tenantTables()) {
      const { rows } = await pool().query<{ cmd: string; qual: string; with_check: string }>(
        `SELECT cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public' AND tablename = $1 AND $2 = ANY(roles)`,
        [table, APP_ROLE],
      );
      expect(rows, table).toHaveLength(1);
      expect(rows[0]!.cmd, table).toBe('ALL');
      expect(rows[0]!.qual, table).toBe(rows[0]!.with_check);
      expect(rows[0]!.qual, table).toContain(`current_setting('app.tenant_id'::text, true)`);
      const { rows: others } = await pool().query<{ roles: string[] }>(
        `SELECT roles::text[] AS roles FROM pg_policies WHERE schemaname = 'public' AND tablename = $1 AND NOT ($2 = ANY(roles))`,
        [table, APP_ROLE],
      );
      expect(
        others.map((p) => p.roles),
        table,
      ).toEqual(others.length ? [[PLATFORM_ROLE]] : []);
    }
  });

  it('leads every primary key and index of a tenant table with tenant_id', async () => {
    const { rows } = await pool().query<{ table: string; index: string; first: string }>(`
      SELECT t.relname AS table, i.relname AS index, a.attname AS first
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
       WHERE n.nspname = 'public'
         AND EXISTS (SELECT 1 FROM pg_attribute c WHERE c.attrelid = t.oid AND c.attname = 'tenant_id')`);
    expect(rows.length).toBeGreaterThan(0);
    // HNSW indexes hold one vector expression and cannot lead with tenant_id (platform/db/vector-index.ts).
    const exempt = (r: { index: string }) => /^knowledge_chunks_embedding_hnsw_\d+$/.test(r.index);
    expect(rows.filter((r) => r.first !== 'tenant_id' && !exempt(r)).map((r) => `${r.table}.${r.index}`)).toEqual([]);
  });

  it('has an isolation fixture for every tenant table, so none escapes the suite below', async () => {
    const tables = (await tenantTables()).map((t) => t.table);
    expect([...new Set(allIsolationFixtures.map((f) => f.table))].sort()).toEqual(tables);
  });

  it('gives the application role no access to platform tables', async () => {
    await asApp(null, async (client) => {
      await client.query('SAVEPOINT a');
      const error = await client.query('SELECT * FROM tenants').catch((e: { code: string }) => e);
      await client.query('ROLLBACK TO SAVEPOINT a');
      expect((error as { code?: string }).code).toBe('42501');
    });
  });
});

describe('isolation in raw SQL, table by table', () => {
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = (await createTenant({ name: 'Tenant A' })).id;
    b = (await createTenant({ name: 'Tenant B' })).id;
    // Statements first (they create users through the pool), then one connection to run them:
    // the embedded database has a single connection.
    const statements = [];
    for (const fixture of allIsolationFixtures)
      for (const tenantId of [a, b]) statements.push(await fixtureInsert(fixture, tenantId));
    const client = await pool().connect();
    try {
      await client.query(`BEGIN; SET LOCAL ROLE ${PLATFORM_ROLE}`);
      for (const { text, values } of statements) await client.query(text, values);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  for (const fixture of allIsolationFixtures) {
    describe(fixture.table, () => {
      it('shows nothing and accepts nothing when no tenant is set', async () => {
        const attempt = await fixtureInsert(fixture, a);
        await asApp(null, async (client) => {
          const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${fixture.table}`);
          expect(rows[0].n).toBe(0);
          await expectRefused(client, attempt.text, attempt.values);
        });
      });

      it("never reads, changes, deletes or inserts another tenant's rows", async () => {
        const intoB = await fixtureInsert(fixture, b);
        await asApp(a, async (client) => {
          const own = await client.query(`SELECT count(*)::int AS n FROM ${fixture.table} WHERE tenant_id = $1`, [a]);
          expect(own.rows[0].n).toBeGreaterThan(0);
          const all = await client.query(`SELECT DISTINCT tenant_id FROM ${fixture.table}`);
          expect(all.rows.map((r) => r.tenant_id)).toEqual([a]);
          const updated = await client.query(`UPDATE ${fixture.table} SET tenant_id = tenant_id WHERE tenant_id = $1`, [
            b,
          ]);
          expect(updated.rowCount).toBe(0);
          const deleted = await client.query(`DELETE FROM ${fixture.table} WHERE tenant_id = $1`, [b]);
          expect(deleted.rowCount).toBe(0);
          await expectRefused(client, intoB.text, intoB.values);
          await expectRefused(client, `UPDATE ${fixture.table} SET tenant_id = $1 WHERE tenant_id = $2`, [b, a]);
        });
        const { rows } = await pool().query(`SELECT count(*)::int AS n FROM ${fixture.table} WHERE tenant_id = $1`, [
          b,
        ]);
        expect(rows[0].n).toBeGreaterThan(0);
      });
    });
  }
});
