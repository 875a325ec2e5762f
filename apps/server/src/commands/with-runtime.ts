import type { Config } from '../platform/config';
import { createLogger } from '../platform/log';
import { startRuntime, type Runtime } from '../runtime';

/** Boots the platform without HTTP or job handlers for one command, then stops it. */
export async function withCommandRuntime<T>(config: Config, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const level = config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL;
  const runtime = await startRuntime(config, createLogger(level), { http: false, work: false });
  try {
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
