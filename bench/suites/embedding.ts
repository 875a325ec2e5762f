import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLocalEmbedder, type LocalEmbedder } from '../../apps/server/src/platform/embedder';
import { summarize, type BenchResult, type BenchSuite } from '../lib';

/**
 * The local embedding model (EMBEDDING_MODEL=local, the default; and local-full): building its
 * table once, a question's embedding (the whole call from the server's thread, the worker
 * round trip included), and passages embedded per second as ingestion does (64 a message).
 * Floor: a bare round trip to a worker thread that echoes, measured in the same run.
 */
const QUESTIONS = [
  "where's my package?",
  'Can I get my money back?',
  'Can I return a sweater I bought 3 weeks ago?',
  'The zipper on my jacket broke, what can I do?',
  "I'm between a medium and a large, which should I take?",
  'Do you accept PayPal?',
  'How long does delivery to Spain take and how much does it cost?',
  'Is there a store in Lyon where I can pick up my order in person?',
];
const WORDS =
  'order delivery refund jacket zipper warranty size return payment parcel shipping store account email tracking invoice discount exchange'.split(
    ' ',
  );
const passage = (i: number) =>
  Array.from({ length: 180 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]).join(' ') + '.';

async function questionTimes(embedder: LocalEmbedder, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await embedder.embed([`${QUESTIONS[i % QUESTIONS.length]} (${i})`]);
    times.push(performance.now() - started);
  }
  return times;
}

async function passagesPerSecond(embedder: LocalEmbedder, n: number): Promise<number> {
  const texts = Array.from({ length: n }, (_, i) => passage(i));
  const started = performance.now();
  await embedder.embed(texts);
  return Math.round((n / (performance.now() - started)) * 1000);
}

async function workerRoundTrips(n: number): Promise<number[]> {
  const worker = new Worker(
    `require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));`,
    { eval: true },
  );
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await new Promise((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ id: i, texts: [QUESTIONS[i % QUESTIONS.length]] });
    });
    times.push(performance.now() - started);
  }
  await worker.terminate();
  return times;
}

export const embeddingSuite: BenchSuite = {
  name: 'embedding',
  description: 'the local embedding model: table build, question latency, passages per second',
  async run(ctx) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-embed-'));
    const results: BenchResult[] = [];
    try {
      const floor = summarize((await workerRoundTrips(500)).slice(50));
      results.push({
        suite: 'embedding',
        name: 'floor: worker thread round trip',
        mode: 'n/a',
        metrics: { p50Ms: floor.p50Ms, p95Ms: floor.p95Ms },
      });

      const local = createLocalEmbedder({ dataDir });
      let started = performance.now();
      await local.warm();
      const buildMs = Math.round(performance.now() - started);
      started = performance.now();
      await local.close();
      const reopened = createLocalEmbedder({ dataDir });
      await reopened.warm();
      const loadMs = Math.round(performance.now() - started);
      const q = summarize((await questionTimes(reopened, 1100)).slice(100));
      const perSecond = await passagesPerSecond(reopened, 2000);
      await reopened.close();
      ctx.log(`local: table built in ${buildMs} ms, loaded in ${loadMs} ms`);
      results.push({
        suite: 'embedding',
        name: 'local (static table): question',
        mode: 'n/a',
        metrics: { p50Ms: q.p50Ms, p95Ms: q.p95Ms, tableBuildMs: buildMs, loadMs },
        budget: 'p95 ≤ 10 ms',
        withinBudget: q.p95Ms <= 10,
      });
      results.push({
        suite: 'embedding',
        name: 'local (static table): passages of ~180 words',
        mode: 'n/a',
        metrics: { perSecond },
      });

      const full = createLocalEmbedder({ dataDir, full: true });
      started = performance.now();
      await full.warm();
      const fullLoadMs = Math.round(performance.now() - started);
      const fq = summarize((await questionTimes(full, 60)).slice(10));
      const fullPerSecond = await passagesPerSecond(full, 128);
      await full.close();
      results.push({
        suite: 'embedding',
        name: 'local-full (network): question',
        mode: 'n/a',
        metrics: { p50Ms: fq.p50Ms, p95Ms: fq.p95Ms, loadMs: fullLoadMs },
        budget: 'p95 ≤ 10 ms',
        withinBudget: fq.p95Ms <= 10,
      });
      results.push({
        suite: 'embedding',
        name: 'local-full (network): passages of ~180 words',
        mode: 'n/a',
        metrics: { perSecond: fullPerSecond },
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return results;
  },
};
