import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A PostgreSQL database of its own for a browser test's server, when TEST_DATABASE_URL is set
 * (CI), so that the widget runs against the scale-out database too. Tests check what the
 * server stored through its API, which answers the same in both modes.
 */
export interface E2eDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(base: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function e2eDatabase(): Promise<E2eDatabase | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const name = `sb_e2e_${randomBytes(4).toString('hex')}`;
  await admin(base, `CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
