import { describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { useTestDatabase } from '../../../test/support/database';
import { migrations } from '../../registry';
import * as schema from '../../schema';
import { SQL_ONLY_COLUMNS } from '../../modules/knowledge/schema';
import { migrate, MigrationError } from './migrate';

const testDb = useTestDatabase();
const pool = () => testDb.current.database.pool;

const tableExists = async (name: string) =>
  (await pool().query(`SELECT to_regclass($1) AS t`, [name])).rows[0].t !== null;

describe('migrate', () => {
  it('reports the shipped migrations as applied', async () => {
    const result = await migrate(pool(), migrations);
    expect(result).toEqual({ applied: [], alreadyApplied: migrations.length });
  });

  it('applies nothing at all when one pending migration fails', async () => {
    const pending = [
      ...migrations,
      { id: '9001_good', sql: 'CREATE TABLE test_good (id int PRIMARY KEY);' },
      { id: '9002_bad', sql: 'CREATE TABLE test_bad (id int PRIMARY KEY); SELECT * FROM no_such_table;' },
    ];
    const error = await migrate(pool(), pending).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationId).toBe('9002_bad');
    expect((error as Error).message).toMatch(/no_such_table/);
    expect(await tableExists('test_good')).toBe(false);
    expect(await tableExists('test_bad')).toBe(false);
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM schema_migrations WHERE id LIKE '900%'`);
    expect(rows[0].n).toBe(0);
  });

  it('migrates once when several processes start together', async () => {
    const next = [...migrations, { id: '9100_once', sql: 'CREATE TABLE test_once (id int PRIMARY KEY);' }];
    const results = await Promise.all([migrate(pool(), next), migrate(pool(), next), migrate(pool(), next)]);
    expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 1]);
  });

  it('refuses a migration edited after it was applied', async () => {
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(migrate(pool(), edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('refuses migrations out of order', async () => {
    await expect(migrate(pool(), [...migrations].reverse().concat([{ id: '0000_first', sql: '' }]))).rejects.toThrow(
      /in order/,
    );
  });
});

describe('drizzle tables match the migrated schema', () => {
  const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((value) => is(value, PgTable)) as PgTable[];

  it('declares every table of the database, and nothing more', async () => {
    const { rows } = await pool().query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' AND table_name NOT LIKE 'test\\_%'`,
    );
    expect(tables.map((t) => getTableConfig(t).name).sort()).toEqual(rows.map((r) => r.name).sort());
  });

  for (const table of tables) {
    const config = getTableConfig(table);
    it(config.name, async () => {
      const { rows } = await pool().query<{ column_name: string; is_nullable: string }>(
        `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [config.name],
      );
      const sqlOnly: readonly string[] = (SQL_ONLY_COLUMNS as Record<string, readonly string[]>)[config.name] ?? [];
      const actual = Object.fromEntries(
        rows.filter((r) => !sqlOnly.includes(r.column_name)).map((r) => [r.column_name, r.is_nullable === 'NO']),
      );
      const declared = Object.fromEntries(config.columns.map((c) => [c.name, c.notNull]));
      expect(declared).toEqual(actual);
    });
  }
});
