import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild, type Child } from './support/child';
import { cloneTestDatabase, type TestDatabaseClone } from './support/database';
import { SERVER_ROOT } from '../src/platform/paths';

/**
 * The `switchboard` command as a user runs it: the package bin, in its own process.
 * Embedded mode only: the guard and the first-start behaviour concern the data directory.
 */
const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');

function run(args: string[], env: Record<string, string> = {}, cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    ...(cwd && { cwd }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each case boots real processes (some several embedded databases): generous on a loaded 2-core machine.
describe('switchboard CLI', { timeout: 120_000 }, () => {
  it('prints help listing its commands', () => {
    const { code, stdout } = run(['--help']);
    expect(code).toBe(0);
    for (const command of ['start', 'worker', 'migrate']) expect(stdout).toMatch(new RegExp(`^  ${command}\\s`, 'm'));
    const start = run(['start', '--help']);
    expect(start.stdout).toContain('Usage: switchboard start');
  });

  it('aligns the columns of every help', () => {
    for (const args of [
      ['--help'],
      ['admin', 'create', '--help'],
      ['tenant', 'create', '--help'],
      ['apikey', 'create', '--help'],
    ]) {
      const { stdout } = run(args);
      const rows = stdout
        .split(/^(?:Commands|Options):\n/m)[1]!
        .split('\n\n')[0]!
        .trimEnd()
        .split('\n');
      expect(rows.length, args.join(' ')).toBeGreaterThan(1);
      // Where the second column starts: after the first run of two or more spaces past the name.
      const starts = rows.map((row) => /^ {2}\S.*?\S? {2,}(?=\S)/.exec(row)?.[0].length);
      expect(new Set(starts).size, `${args.join(' ')}:\n${rows.join('\n')}`).toBe(1);
      expect(starts[0]).toBeGreaterThan(0);
    }
  });

  it('says which data directory it uses, and refuses an empty one where data must exist', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cwd-'));
    const dataDir = path.join(fs.realpathSync(cwd), 'data');
    const refused = run(
      ['apikey', 'create', '--tenant', 'ten_0123456789abcdefghjkmnpqrs'],
      { DATA_DIR: '', DATABASE_URL: '' },
      cwd,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `No Switchboard database in ${dataDir} (DATA_DIR is unset, so ./data of the current directory)`,
    );
    expect(fs.existsSync(dataDir)).toBe(false);

    const created = run(
      ['tenant', 'create', '--name', 'First', '--owner-email', 'first@example.test', '--json'],
      { DATA_DIR: '', DATABASE_URL: '' },
      cwd,
    );
    expect(created.code).toBe(0);
    expect(Object.keys(JSON.parse(created.stdout) as object)).toEqual(['tenantId', 'ownerEmail', 'apiKey']);
    expect(created.stderr).toContain(
      `Database: embedded PGlite in ${dataDir} (new: none was there, so an empty one was created`,
    );

    const missing = run(
      ['apikey', 'create', '--tenant', 'ten_0123456789abcdefghjkmnpqrs'],
      { DATA_DIR: '', DATABASE_URL: '' },
      cwd,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`No workspace ten_0123456789abcdefghjkmnpqrs in embedded PGlite in ${dataDir}`);
  });

  it('rejects an unknown command and an unknown option', () => {
    expect(run(['launch']).stderr).toContain('Unknown command "launch"');
    const bad = run(['migrate', '--fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--fast'/);
  });

  it('stops on a bad setting with one line naming it', () => {
    const { code, stderr } = run(['start'], { PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: PORT must be a number');
  });

  it('explains that worker needs PostgreSQL', () => {
    const { code, stderr } = run(['worker'], {
      DATABASE_URL: '',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'sb-')),
    });
    expect(code).toBe(1);
    expect(stderr).toContain('switchboard worker needs DATABASE_URL');
  });
});

describe('embedded data directory', { timeout: 120_000 }, () => {
  let clone: TestDatabaseClone;
  let server: Child;
  let servedUrl: string;

  beforeAll(async () => {
    clone = await cloneTestDatabase();
    fs.rmSync(path.join(clone.dataDir, 'secret.key'), { force: true });
    server = startChild(
      BIN,
      { DATA_DIR: clone.dataDir, PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', APP_URL: '' },
      ['start'],
    );
    servedUrl = (await server.waitFor(/Switchboard is running: open/, 60_000)).split('open ')[1]!.trim();
  }, 90_000);

  afterAll(async () => {
    server?.process.kill('SIGTERM');
    await server?.exited;
    await clone?.drop();
  });

  it('generates the secret key on first start, readable by its owner only', () => {
    expect(fs.statSync(path.join(clone.dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second server on the same directory, naming the holder', () => {
    const { code, stderr } = run(['start'], { DATA_DIR: clone.dataDir, PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain(`Another Switchboard process (pid ${server.process.pid}) is using the data directory`);
  });

  it('refuses to migrate underneath a running server', () => {
    const { code, stderr } = run(['migrate'], { DATA_DIR: clone.dataDir });
    expect(code).toBe(1);
    expect(stderr).toContain(`(pid ${server.process.pid})`);
  });

  it('refuses tenant create while the server holds the directory, saying what to do', () => {
    const { code, stderr } = run(['tenant', 'create', '--name', 'Busy', '--owner-email', 'busy@example.test'], {
      DATA_DIR: clone.dataDir,
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`(pid ${server.process.pid})`);
    expect(stderr).toContain('Stop the server to run `switchboard tenant create`');
  });

  it('stops on SIGTERM, releases the directory, and migrates cleanly after', async () => {
    server.process.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    expect(fs.existsSync(path.join(clone.dataDir, 'switchboard.pid'))).toBe(false);
    const { code, stdout } = run(['migrate'], { DATA_DIR: clone.dataDir });
    expect(code).toBe(0);
    expect(stdout).toMatch(/up to date/);
  });

  it('links to where the server was, or to APP_URL/PORT when given, and names the database', () => {
    const env = { DATA_DIR: clone.dataDir, PORT: '', APP_URL: '' };
    const admin = (email: string, extra: Record<string, string> = {}) =>
      run(['admin', 'create', '--email', email, '--password', 'a long enough password'], { ...env, ...extra });
    const served = admin('served@example.test');
    expect(served.code).toBe(0);
    expect(served.stdout).toContain(`Sign in at ${servedUrl}/login`);
    expect(served.stdout).toContain(`Database: embedded PGlite in ${clone.dataDir}\n`);
    expect(servedUrl).not.toBe('http://localhost:3000');
    expect(admin('port@example.test', { PORT: '4567' }).stdout).toContain('Sign in at http://localhost:4567/login');
    expect(admin('app@example.test', { APP_URL: 'https://support.example.test/' }).stdout).toContain(
      'Sign in at https://support.example.test/login',
    );
  });

  it('refuses a different SECRET_KEY than the one the database was set up with', () => {
    const { code, stderr } = run(['migrate'], { DATA_DIR: clone.dataDir });
    expect(code).toBe(0);
    const started = run(['start'], { DATA_DIR: clone.dataDir, PORT: '0', SECRET_KEY: 'z'.repeat(48) });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('SECRET_KEY does not match');
    expect(stderr).toBe('');
  });

  it('creates a tenant with its owner and a working API key, printing the contract JSON', async () => {
    const created = run(['tenant', 'create', '--name', 'Acme Support', '--owner-email', 'Boss@Acme.test', '--json'], {
      DATA_DIR: clone.dataDir,
    });
    expect(created.code).toBe(0);
    const output = JSON.parse(created.stdout) as Record<string, string>;
    expect(Object.keys(output)).toEqual(['tenantId', 'ownerEmail', 'apiKey']);
    expect(output.tenantId).toMatch(/^ten_[0-9a-z]{26}$/);
    expect(output.ownerEmail).toBe('boss@acme.test');
    expect(output.apiKey).toMatch(new RegExp(`^sb_live_[A-Za-z0-9]{32}_${output.tenantId!.slice(4)}$`));

    const key = run(['apikey', 'create', '--tenant', output.tenantId!, '--scopes', 'read', '--json'], {
      DATA_DIR: clone.dataDir,
    });
    expect(key.code).toBe(0);
    const keyOutput = JSON.parse(key.stdout) as Record<string, string>;
    expect(Object.keys(keyOutput)).toEqual(['tenantId', 'apiKeyId', 'apiKey']);

    const admin = run(
      ['admin', 'create', '--email', 'root@example.test', '--password', 'a long enough password', '--json'],
      { DATA_DIR: clone.dataDir },
    );
    expect(JSON.parse(admin.stdout)).toMatchObject({ email: 'root@example.test', created: true });

    // The printed key works against a server started afterwards.
    const again = startChild(
      BIN,
      { DATA_DIR: clone.dataDir, PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
      ['start'],
    );
    const line = await again.waitFor(/Switchboard is running: open/, 60_000);
    const url = line.split('open ')[1]!.trim();
    try {
      const members = await fetch(`${url}/api/v1/members`, { headers: { authorization: `Bearer ${output.apiKey}` } });
      expect(members.status).toBe(200);
      expect(((await members.json()) as { members: Array<{ email: string; role: string }> }).members).toEqual([
        expect.objectContaining({ email: 'boss@acme.test', role: 'owner' }),
      ]);
    } finally {
      again.process.kill('SIGTERM');
      await again.exited;
    }
  });

  it('explains a bad option value', () => {
    const bad = run(['apikey', 'create', '--tenant', 'acme'], { DATA_DIR: clone.dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tenant: expected a workspace id like ten_01…');
    const missing = run(['tenant', 'create', '--name', 'X'], { DATA_DIR: clone.dataDir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--owner-email is required');
  });
});
