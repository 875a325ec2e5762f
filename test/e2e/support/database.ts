import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A PostgreSQL database of its own for a browser test's server, when TEST_DATABASE_URL is set
 * (CI): the test can then read what the server stored. Without it the server keeps its
 * embedded database, which only the server itself can open.
 */
export interface E2eDatabase {
  url: string;
  query<T extends pg.QueryResultRow = any>(text: string, values?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function e2eDatabase(): Promise<E2eDatabase | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const name = `sb_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    query: async (text, values) => (await pool.query(text, values)).rows,
    async drop() {
      await pool.end();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
