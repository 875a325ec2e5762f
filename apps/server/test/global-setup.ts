import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database';
import { prepareDatabase } from '../src/platform/db/prepare';
import { createLogger } from '../src/platform/log';
import { allJobs, migrations } from '../src/registry';
import { REPO_ROOT } from '../src/platform/paths';

/**
 * Builds one migrated database per run and mode; each test file then clones it (a copied
 * data directory for PGlite, CREATE DATABASE … TEMPLATE on PostgreSQL) instead of paying
 * for initdb and migrations again.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    templateDataDir: string;
    pgTemplate: string;
    pgAdminUrl: string;
    runId: string;
  }
}

const log = createLogger('warn');
const fingerprint = createHash('sha256')
  .update(JSON.stringify(migrations) + JSON.stringify(allJobs.map((j) => j.name)))
  .digest('hex')
  .slice(0, 12);

export function requireCiServices(): void {
  if (process.env.CI !== 'true') return;
  for (const name of ['TEST_DATABASE_URL', 'TEST_REDIS_URL']) {
    if (!process.env[name])
      throw new Error(`CI=true but ${name} is not set: the server suites must run, not be skipped`);
  }
}

async function embeddedTemplate(): Promise<string> {
  const dir = path.join(REPO_ROOT, '.tmp', 'test-templates', fingerprint);
  if (fs.existsSync(path.join(dir, 'ready'))) return dir;
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const db = await openDatabase({ mode: 'embedded', dataDir: building });
  try {
    await prepareDatabase(db.pool, migrations, allJobs, log);
  } finally {
    await db.close();
  }
  fs.writeFileSync(path.join(building, 'ready'), new Date().toISOString());
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  return dir;
}

async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `sb_tpl_${fingerprint}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext('switchboard_test_template'))`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openDatabase({ mode: 'postgres', dataDir: '', databaseUrl: url.toString(), poolSize: 2 });
      try {
        await prepareDatabase(db.pool, migrations, allJobs, log);
      } catch (error) {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        throw error;
      }
      await db.close();
    }
  } finally {
    await admin.end();
  }
  return name;
}

/** The CLI and crash tests run the built server: build it once, before any of them. */
async function buildServer(): Promise<void> {
  const script = path.join(REPO_ROOT, 'scripts', 'build.mjs');
  const { buildAll } = (await import(script)) as { buildAll: (o: object) => Promise<void> };
  await buildAll({ only: 'server', quiet: true });
}

export default async function setup(project: TestProject) {
  requireCiServices();
  await buildServer();
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  project.provide('runId', runId);
  project.provide('templateDataDir', '');
  project.provide('pgTemplate', '');
  project.provide('pgAdminUrl', process.env.TEST_DATABASE_URL ?? '');
  if (project.config.env?.SB_TEST_DB === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('The server-postgres project needs TEST_DATABASE_URL');
    project.provide('pgTemplate', await postgresTemplate(adminUrl));
    return async () => {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `sb_t_${runId}_%`,
      ]);
      for (const row of rows)
        await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    };
  }
  project.provide('templateDataDir', await embeddedTemplate());
  return undefined;
}
