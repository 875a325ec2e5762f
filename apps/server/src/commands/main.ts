import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config';
import { DataDirInUseError } from '../platform/db/lock';
import { MigrationError } from '../platform/db/migrate';
import { createLogger } from '../platform/log';
import { SecretKeyMismatchError } from '../runtime';
import { runMigrate } from './migrate';
import { runStart } from './start';
import { runWorker } from './worker';
import { runAdminCreate } from './admin-create';
import { runApiKeyCreate } from './apikey-create';
import { runAnalyticsRebuild } from './analytics-rebuild';
import { runTenantCreate } from './tenant-create';
import { CommandError, UsageError } from './with-runtime';
import { isAppError } from '../platform/errors';
import type { Command } from './command';
import { commandHelp, mainHelp } from './help';

const COMMANDS: Record<string, Command> = {
  start: {
    summary: 'Start the server (and its job worker unless RUN_WORKER=false)',
    usage: 'switchboard start',
    run: (config) => runStart(config),
  },
  worker: {
    summary: 'Run job handlers only (scale-out mode: needs DATABASE_URL)',
    usage: 'switchboard worker',
    run: (config) => runWorker(config),
  },
  migrate: {
    summary: 'Apply pending database migrations, then exit',
    usage: 'switchboard migrate',
    run: (config) => runMigrate(config),
  },
  'admin create': {
    summary: 'Create a platform administrator (or promote an existing account)',
    usage: 'switchboard admin create --email <email> --password <password> [--name <name>] [--json]',
    options: {
      email: { type: 'string', value: 'email', description: 'Their email address (sign-in name)' },
      password: { type: 'string', value: 'password', description: 'At least 10 characters' },
      name: { type: 'string', value: 'name', description: 'Display name (default: the part before @)' },
      json: { type: 'boolean', description: 'Print {"userId","email","created"}' },
    },
    run: runAdminCreate,
  },
  'tenant create': {
    summary: 'Create a workspace with its owner and an API key',
    usage: 'switchboard tenant create --name <name> --owner-email <email> [--json]',
    options: {
      name: { type: 'string', value: 'name', description: 'Workspace name' },
      'owner-email': {
        type: 'string',
        value: 'email',
        description: 'The owner (created if new; they set a password via "Forgot password")',
      },
      json: { type: 'boolean', description: 'Print {"tenantId","ownerEmail","apiKey"}' },
    },
    run: runTenantCreate,
  },
  'apikey create': {
    summary: 'Create an API key for a workspace',
    usage: 'switchboard apikey create --tenant <id> [--name <name>] [--scopes read,write] [--json]',
    options: {
      tenant: { type: 'string', value: 'id', description: 'Workspace id (ten_…)' },
      name: { type: 'string', value: 'name', description: 'What the key is for' },
      scopes: { type: 'string', value: 'list', description: 'Comma-separated: read, write (default both)' },
      json: { type: 'boolean', description: 'Print {"tenantId","apiKeyId","apiKey"}' },
    },
    run: runApiKeyCreate,
  },
  'analytics rebuild': {
    summary: "Recompute a workspace's analytics for a range of days",
    usage: 'switchboard analytics rebuild --tenant <id> --from <date> --to <date> [--json]',
    options: {
      tenant: { type: 'string', value: 'id', description: 'Workspace id (ten_…)' },
      from: { type: 'string', value: 'date', description: 'First local day (YYYY-MM-DD)' },
      to: { type: 'string', value: 'date', description: 'Last local day, included' },
      json: { type: 'boolean', description: 'Print {"tenantId","from","to","conversations","days"}' },
    },
    run: runAnalyticsRebuild,
  },
};

/** Known failures get one line on stderr; anything else is a bug and keeps its stack. */
function describeFatal(error: unknown): string | null {
  if (error instanceof ConfigError || error instanceof CommandError) return error.message;
  if (error instanceof DataDirInUseError) return error.message;
  if (error instanceof SecretKeyMismatchError) return error.message;
  if (error instanceof MigrationError) return error.message;
  if (isAppError(error) && error.status < 500) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE')
    return `Port ${(error as { port?: number }).port ?? ''} is in use: stop what holds it or set PORT.`;
  if (code === 'ECONNREFUSED')
    return `Cannot reach ${(error as { address?: string }).address ?? 'a server'}: ${(error as Error).message}`;
  return null;
}

export async function main(argv: string[]): Promise<number | 'running'> {
  const twoWords = argv.length > 1 && COMMANDS[`${argv[0]} ${argv[1]}`] ? `${argv[0]} ${argv[1]}` : null;
  const name = twoWords ?? argv[0];
  const rest = argv.slice(twoWords ? 2 : 1);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp(COMMANDS));
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${mainHelp(COMMANDS)}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      Object.entries({ ...(command.options ?? {}), help: { type: 'boolean' as const, description: '' } }).map(
        ([k, o]) => [k, { type: o.type }],
      ),
    );
    values = parseArgs({ args: rest, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (values.help) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    const config = loadConfig();
    return await command.run(config, values);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (error instanceof DataDirInUseError && name !== 'start') {
      console.error(`${error.message} Stop the server to run \`switchboard ${name}\`, or use the HTTP API.`);
      return 1;
    }
    const line = describeFatal(error);
    if (line) console.error(line);
    else createLogger('error').fatal({ err: error }, 'switchboard stopped on an unexpected error');
    return 1;
  }
}
