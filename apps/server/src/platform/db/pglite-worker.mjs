// @ts-check
/**
 * Runs the embedded database (PGlite, PostgreSQL 18 in WASM) on its own thread and serves
 * it on a Unix socket, so that its CPU work never stalls the HTTP event loop and the server,
 * the jobs and the CLI all reach it through the same `pg` driver as a PostgreSQL server.
 *
 * Plain JavaScript on purpose: worker threads load files as they are, and this one must run
 * both from the TypeScript sources (tests) and from the built server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir: string, socketPath: string }} */
const { dataDir, socketPath } = workerData;
const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

/** @type {PGlite | undefined} */
let db;
/** @type {PGLiteSocketServer | undefined} */
let server;

async function open() {
  db = await PGlite.create({ dataDir, extensions: { vector, btree_gin, pg_trgm } });
  // One connection: the socket queues protocol messages, not whole statements, so two
  // clients could interleave their extended-protocol steps on PGlite's single session.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
  await server.start();
}

async function close() {
  await server?.stop();
  if (db && !db.closed) await db.close();
}

port.on('message', async (message) => {
  if (message?.type !== 'close') return;
  try {
    await close();
    port.postMessage({ type: 'closed' });
  } catch (error) {
    port.postMessage({ type: 'error', message: String(error instanceof Error ? error.stack : error) });
  }
});

open().then(
  () => port.postMessage({ type: 'ready' }),
  (error) => port.postMessage({ type: 'error', message: String(error instanceof Error ? error.stack : error) }),
);
