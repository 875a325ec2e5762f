import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { packagePath } from '../paths';

export interface EmbeddedServer {
  /** Directory holding `.s.PGSQL.5432`, as `pg` expects for a Unix socket host. */
  socketDir: string;
  port: number;
  stop(): Promise<void>;
  /** Called if the database thread dies while the server is up. */
  onCrash(listener: (error: Error) => void): void;
}

const SOCKET_PORT = 5432;
// sun_path holds 108 bytes on Linux; leave room for the file name.
const MAX_SOCKET_DIR = 90;

function socketDirectory(dataDir: string): string {
  const preferred = path.join(dataDir, 'run');
  if (preferred.length <= MAX_SOCKET_DIR) {
    fs.mkdirSync(preferred, { recursive: true, mode: 0o700 });
    fs.chmodSync(preferred, 0o700);
    return preferred;
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-'));
}

/**
 * Starts PGlite on a worker thread in `dataDir/pg`, served on a Unix socket only this
 * user can reach (PGlite has no authentication of its own).
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const socketDir = socketDirectory(dataDir);
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  // The caller holds the data directory lock, so a socket file left here is stale.
  fs.rmSync(socketPath, { force: true });

  const worker = new Worker(packagePath('src/platform/db/pglite-worker.mjs'), {
    workerData: { dataDir: pgDir, socketPath },
  });
  let stopping = false;
  const crashListeners: Array<(error: Error) => void> = [];

  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === 'ready') {
        worker.off('exit', onExit);
        resolve();
      } else if (message.type === 'error') {
        reject(new Error(`The embedded database did not open: ${message.message}`));
      }
    };
    const onExit = (code: number) => reject(new Error(`The embedded database thread exited with code ${code}`));
    worker.once('message', onMessage);
    worker.once('exit', onExit);
  });

  worker.on('error', (error) => crashListeners.forEach((listener) => listener(error)));
  worker.on('exit', (code) => {
    if (!stopping) crashListeners.forEach((listener) => listener(new Error(`database thread exited (${code})`)));
  });

  return {
    socketDir,
    port: SOCKET_PORT,
    onCrash: (listener) => crashListeners.push(listener),
    async stop() {
      if (stopping) return;
      stopping = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10_000);
        worker.on('message', (message: { type: string }) => {
          if (message.type === 'closed' || message.type === 'error') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: 'close' });
      });
      await worker.terminate();
      fs.rmSync(socketPath, { force: true });
    },
  };
}
