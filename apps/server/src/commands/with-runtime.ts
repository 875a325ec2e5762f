import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../platform/config';
import { createLogger } from '../platform/log';
import { startRuntime, type Runtime } from '../runtime';

export interface CommandOptions {
  /** The command reads what is already there (a workspace): an empty data directory is a mistake, said before anything is created. */
  needsData?: boolean;
  /** Output is JSON on stdout: notes go to stderr. */
  json?: boolean;
}

/** Whether the embedded database of this data directory exists yet. */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'));
}

/** Where the data directory came from, for messages: the relative default surprises people. */
export function dataDirOrigin(): string {
  return process.env.DATA_DIR ? 'from DATA_DIR' : 'DATA_DIR is unset, so ./data of the current directory';
}

/**
 * Boots the platform without HTTP or job handlers for one command, then stops it. It says
 * which database it used, and when that database is new (a command run from the wrong
 * directory would otherwise work on an empty one and report that nothing exists).
 */
export async function withCommandRuntime<T>(
  config: Config,
  fn: (runtime: Runtime) => Promise<T>,
  options: CommandOptions = {},
): Promise<T> {
  const embedded = config.dbMode === 'embedded';
  const isNew = embedded && !hasEmbeddedDatabase(config.dataDir);
  if (isNew && options.needsData) {
    throw new CommandError(
      `No Switchboard database in ${config.dataDir} (${dataDirOrigin()}). ` +
        'Set DATA_DIR to the data directory your server uses, or start the server once to create it.',
    );
  }
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const runtime = await startRuntime(config, createLogger(level), { http: false, work: false });
  try {
    const where = `Database: ${runtime.database.describe}`;
    const note = isNew ? `${where} (new: none was there, so an empty one was created; ${dataDirOrigin()})` : where;
    if (!options.json) console.log(note);
    else if (isNew) console.error(note);
    return await fn(runtime);
  } finally {
    await runtime.stop();
  }
}

export const cliMeta = { requestId: 'cli' };

export function requireOption(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The command cannot do what was asked (nothing there, wrong place): one line, exit code 1. */
export class CommandError extends Error {}
