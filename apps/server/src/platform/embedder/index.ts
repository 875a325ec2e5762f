import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { rootLogger } from '../log';
import { packagePath } from '../paths';

/**
 * The local sentence-embedding model, the default when no embedding API is configured
 * (EMBEDDING_MODEL=local): Universal Sentence Encoder Lite (English) from an npm package,
 * distilled once into a static table of its vocabulary pieces (cached under DATA_DIR/models)
 * and served by a worker thread, never on the HTTP event loop. Loaded on first use; when it
 * cannot load, every call rejects with the reason (logged once) and search stays full-text.
 */

/** Stored with every vector: a different id (another model, a new table) re-embeds. */
export const LOCAL_EMBEDDING_MODEL_ID = 'local:use-lite-static-1';
/** The whole network per text (EMBEDDING_MODEL=local-full): vectors not comparable with the table's. */
export const LOCAL_FULL_EMBEDDING_MODEL_ID = 'local:use-lite-1';
export const LOCAL_EMBEDDING_DIMENSIONS = 512;
/** The model was trained on English only: other languages' sources are searched by keywords. */
export const LOCAL_EMBEDDING_LANGUAGES: readonly string[] = ['en'];

/** The serving thread holds a 16 MB table; the distilling one TensorFlow.js (wasm) besides. */
const SERVE_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };
const DISTIL_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 };
const NETWORK_LIMITS = DISTIL_LIMITS;
/** Texts per message: bounds what one message holds in memory. */
const MESSAGE_BATCH = 64;

export interface LocalEmbedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** Loaded and answering (a question need not wait for the first load). */
  ready(): boolean;
  /** Starts loading (building the table the first time); resolves when ready, rejects on failure. */
  warm(): Promise<void>;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  close(): Promise<void>;
}

type Reply =
  | { type: 'ready' | 'done' | 'progress' }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };

const WORKER = () => packagePath('src/platform/embedder/worker.mjs');

export const tablePathIn = (dataDir: string) =>
  path.join(dataDir, 'models', `${LOCAL_EMBEDDING_MODEL_ID.replace(/[^a-z0-9-]/gi, '-')}.f32`);

/** Runs the distilling thread to its end: the table exists afterwards, or this throws. */
async function distil(tablePath: string): Promise<void> {
  const started = Date.now();
  rootLogger().info({ tablePath }, 'local embedding model: building its table (once)');
  const worker = new Worker(WORKER(), { workerData: { mode: 'distil', tablePath }, resourceLimits: DISTIL_LIMITS });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m: Reply) =>
        m.type === 'done' ? resolve() : m.type === 'failed' ? reject(new Error(m.message)) : undefined,
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the model thread exited (${code}) before its table was built`)));
    });
  } finally {
    await worker.terminate();
  }
  rootLogger().info({ ms: Date.now() - started }, 'local embedding model: table built');
}

export function createLocalEmbedder(options: { dataDir: string; full?: boolean }): LocalEmbedder {
  const tablePath = tablePathIn(options.dataDir);
  const full = options.full === true;
  let worker: Promise<Worker> | null = null;
  let failure: Error | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: number[][]): void; reject(e: Error): void }>();

  const fail = (error: Error) => {
    if (!failure)
      rootLogger().warn({ reason: error.message }, 'local embedding model unavailable; search stays full-text');
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  async function start(): Promise<Worker> {
    if (!full && !fs.existsSync(tablePath)) await distil(tablePath);
    const w = new Worker(
      WORKER(),
      full
        ? { workerData: { mode: 'network' }, resourceLimits: NETWORK_LIMITS }
        : { workerData: { mode: 'serve', tablePath }, resourceLimits: SERVE_LIMITS },
    );
    await new Promise<void>((resolve, reject) => {
      w.once('message', (m: Reply) =>
        m.type === 'ready' ? resolve() : reject(new Error(m.type === 'failed' ? m.message : 'unexpected reply')),
      );
      w.once('error', reject);
    });
    w.on('message', (m: Reply) => {
      if (m.type !== 'result' && m.type !== 'error') return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!pending.size) w.unref();
      if (m.type === 'result') p?.resolve(m.vectors.map((v) => Array.from(v)));
      else p?.reject(new Error(m.message));
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the model thread exited (${code})`)));
    // Referenced only while a request waits: an idle model never holds the process open.
    w.unref();
    return w;
  }

  let loaded: Worker | null = null;
  function load(): Promise<Worker> {
    if (failure) return Promise.reject(failure);
    worker ??= start().then(
      (w) => (loaded = w),
      (error: Error) => {
        fail(error);
        throw error;
      },
    );
    return worker;
  }

  async function embedBatch(texts: string[]): Promise<number[][]> {
    const w = await load();
    if (failure) throw failure;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, texts });
    });
  }

  return {
    modelId: full ? LOCAL_FULL_EMBEDDING_MODEL_ID : LOCAL_EMBEDDING_MODEL_ID,
    dimensions: LOCAL_EMBEDDING_DIMENSIONS,
    ready: () => Boolean(loaded) && !failure,
    warm: () => load().then(() => undefined),
    async embed(texts, signal) {
      const out: number[][] = [];
      for (let start = 0; start < texts.length; start += MESSAGE_BATCH) {
        signal?.throwIfAborted();
        out.push(...(await embedBatch(texts.slice(start, start + MESSAGE_BATCH))));
      }
      return out;
    },
    async close() {
      const w = worker ? await worker.catch(() => null) : null;
      worker = null;
      loaded = null;
      if (w) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
}
