import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = path.join(ROOT, 'apps/server/bin/switchboard.mjs');

export interface SwitchboardProcess {
  url: string;
  apiKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `switchboard start` in its own process, as an operator runs it (the benchmark's clients and
 * model server stay in this process), with a workspace and API key made by `tenant create`.
 */
export async function startSwitchboard(env: Record<string, string>): Promise<SwitchboardProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-chat-'));
  const fullEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    REDIS_URL: '',
    DATABASE_URL: '',
    RATE_LIMIT_PER_MINUTE: '10000000',
    STREAM_LIMIT_PER_API_KEY: '100000',
    STREAM_LIMIT_PER_ADDRESS: '100000',
    EMBEDDING_MODEL: 'none',
    ...env,
  };
  // Before the server: the embedded database admits one process at a time (the command migrates it too).
  const created = spawnSync(
    process.execPath,
    [BIN, 'tenant', 'create', '--name', 'Bench', '--owner-email', 'bench@example.test', '--json'],
    { env: fullEnv, cwd: ROOT, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`tenant create failed: ${created.stderr}`);
  const { apiKey } = JSON.parse(created.stdout.trim().split('\n').at(-1)!) as { apiKey: string };

  // BENCH_CPU_PROFILE=<dir>: the server writes V8 CPU profiles of its threads there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, BIN, 'start'], {
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`switchboard did not start in 120 s:\n${output}`)), 120_000);
      child.stdout!.on('data', () => {
        const match = /Switchboard is running: open (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace('localhost', '127.0.0.1'));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`switchboard exited (${code}):\n${output}`));
      });
    });
    return { url, apiKey, process: child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
