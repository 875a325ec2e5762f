import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface Migration {
  /** `NNNN_name`; applied in this order. */
  readonly id: string;
  readonly sql: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(
    readonly migrationId: string,
    cause: unknown,
  ) {
    super(`Migration ${migrationId} failed, nothing was changed: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'MigrationError';
  }
}

const checksum = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

/**
 * Applies pending migrations in one transaction under an advisory lock, so that servers
 * starting together migrate once, and a failing migration leaves the database as it was.
 */
export async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<MigrationResult> {
  const ids = migrations.map((m) => m.id);
  if (new Set(ids).size !== ids.length || [...ids].sort().join() !== ids.join()) {
    throw new Error('Migration ids must be unique and listed in order');
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('switchboard_migrations'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations');
    const done = new Map(rows.map((row) => [row.id, row.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const previous = done.get(migration.id);
      if (previous !== undefined) {
        if (previous !== sum)
          throw new Error(`Migration ${migration.id} was changed after it was applied; add a new migration instead`);
        continue;
      }
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new MigrationError(migration.id, error);
      }
      await client.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [migration.id, sum]);
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return { applied, alreadyApplied: done.size };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
