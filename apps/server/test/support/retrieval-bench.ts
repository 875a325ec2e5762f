import fs from 'node:fs';
import path from 'node:path';
import { CLOSE_TO_BEST } from '../../src/modules/chat/turn/extractive';
import { makePdf } from './fixtures/pdf';

/**
 * The labelled retrieval set of bench/retrieval (knowledge bases written for it, questions as
 * customers ask them) and how it is measured: shared by `npm run bench -- --only=retrieval-quality`
 * and the cheap regression test (retrieval-benchmark.db.test.ts). Knowledge goes in through the
 * HTTP API (upload, pasted text, Q&A pairs: the real ingestion pipeline); questions are asked
 * through the search route with no threshold, so one pass measures every threshold.
 */
export const RETRIEVAL_SET_DIR = path.resolve(import.meta.dirname, '../../../../bench/retrieval');

export interface LabelledQuestion {
  q: string;
  /** Text found only in the passage(s) that answer it; empty: the knowledge base has no answer. */
  expect: string[];
  /** Passages that are on topic without being the answer (not counted as unrelated). */
  related?: string[];
}

export interface KnowledgeBase {
  name: string;
  description: string;
  sources: Array<{ kind: 'markdown' | 'pdf' | 'text'; title: string; file: string }>;
  qa: Array<{ question: string; answer: string }>;
  questions: LabelledQuestion[];
}

export type Request = (
  path: string,
  init: { method?: string; json?: unknown; body?: FormData },
) => Promise<{ status: number; body: any }>;

export interface Hit {
  text: string;
  score: number;
  similarity: number | null;
}

export interface Asked {
  kb: string;
  question: LabelledQuestion;
  /** The search route's passages, best first, whatever their relevance. */
  hits: Hit[];
}

export function loadKnowledgeBases(dir = RETRIEVAL_SET_DIR): KnowledgeBase[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'kb.json')))
    .map((d) => JSON.parse(fs.readFileSync(path.join(dir, d.name, 'kb.json'), 'utf8')) as KnowledgeBase)
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function waitReady(request: Request, id: string): Promise<void> {
  const deadline = Date.now() + 600_000; // the first start of the local model builds its table
  for (;;) {
    const { body } = await request(`/api/v1/knowledge/sources/${id}`, {});
    if (body.source.status === 'failed') throw new Error(`source ${id} failed: ${body.source.error}`);
    if (body.source.status === 'ready' && body.source.stage === null) return;
    if (Date.now() > deadline) throw new Error(`source ${id} still ${body.source.status}/${body.source.stage}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Puts one knowledge base into the request's workspace and waits until every source is searchable. */
export async function ingestKnowledgeBase(request: Request, kb: KnowledgeBase, dir = RETRIEVAL_SET_DIR): Promise<void> {
  const ids: string[] = [];
  for (const source of kb.sources) {
    const file = fs.readFileSync(path.join(dir, kb.name, source.file));
    let created;
    if (source.kind === 'text') {
      created = await request('/api/v1/knowledge/sources', {
        method: 'POST',
        json: { kind: 'text', title: source.title, text: file.toString('utf8') },
      });
    } else {
      const form = new FormData();
      const data =
        source.kind === 'pdf'
          ? makePdf(
              (JSON.parse(file.toString('utf8')) as string[][]).map(([title, ...body]) => [`# ${title}`, ...body]),
            )
          : file;
      form.append(
        'file',
        new Blob([data], { type: source.kind === 'pdf' ? 'application/pdf' : 'text/markdown' }),
        source.kind === 'pdf' ? `${source.title}.pdf` : source.file,
      );
      form.append('title', source.title);
      created = await request('/api/v1/knowledge/sources/upload', { method: 'POST', body: form });
    }
    if (created.status !== 201) throw new Error(`${source.file}: ${created.status} ${JSON.stringify(created.body)}`);
    ids.push(created.body.source.id);
  }
  for (const pair of kb.qa) {
    const created = await request('/api/v1/knowledge/qa', { method: 'POST', json: pair });
    if (created.status !== 201) throw new Error(`Q&A: ${created.status} ${JSON.stringify(created.body)}`);
  }
  for (const id of ids) await waitReady(request, id);
  await waitEmbedded(request);
}

/** Chunks are embedded in the background after a source is ready: wait until no source is still embedding. */
async function waitEmbedded(request: Request): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const { body } = await request('/api/v1/knowledge/sources', {});
    const sources = body.sources as Array<{ id: string; search?: { mode: string } }>;
    if (!sources.some((s) => s.search?.mode === 'embedding')) return;
    if (Date.now() > deadline) throw new Error('sources still embedding');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Asks every question of the knowledge base (top 5, no threshold). */
export async function askAll(request: Request, kb: KnowledgeBase, questions = kb.questions): Promise<Asked[]> {
  const asked: Asked[] = [];
  for (const question of questions) {
    const { status, body } = await request('/api/v1/knowledge/search', {
      method: 'POST',
      json: { query: question.q, topK: 5, minScore: 0 },
    });
    if (status !== 200) throw new Error(`search "${question.q}": ${status} ${JSON.stringify(body)}`);
    asked.push({
      kb: kb.name,
      question,
      hits: (body.passages as Hit[]).map((p) => ({ text: p.text, score: p.score, similarity: p.similarity })),
    });
  }
  return asked;
}

const holds = (hit: Hit, needles: string[] | undefined) => (needles ?? []).some((n) => hit.text.includes(n));

export interface RetrievalMetrics {
  questions: number;
  answerable: number;
  /** The best passage above the threshold answers the question (answerable questions). */
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  /**
   * Answerable questions whose answer would use a passage that is neither the answer nor on its
   * topic: of the passages above the threshold, those close to the best (answerPassages).
   */
  unrelated: number;
  /** Questions without an answer in the knowledge base that got no passage above the threshold. */
  noAnswerPrecision: number;
  misses: string[];
}

/** The metrics of a set of asked questions when passages below `threshold` are dropped. */
export function measure(asked: Asked[], threshold: number): RetrievalMetrics {
  const answerable = asked.filter((a) => a.question.expect.length);
  const none = asked.filter((a) => !a.question.expect.length);
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let unrelated = 0;
  const misses: string[] = [];
  for (const a of answerable) {
    const kept = a.hits.filter((h) => h.score >= threshold && h.score > 0);
    const used = kept.filter((h) => h.score >= kept[0]!.score * CLOSE_TO_BEST);
    const first = kept.findIndex((h) => holds(h, a.question.expect));
    if (first === 0) hit1++;
    if (first >= 0 && first < 3) hit3++;
    if (first >= 0) rr += 1 / (first + 1);
    else misses.push(`${a.kb}: ${a.question.q}`);
    if (used.some((h) => !holds(h, a.question.expect) && !holds(h, a.question.related))) unrelated++;
  }
  const empty = none.filter((a) => !a.hits.some((h) => h.score >= threshold && h.score > 0)).length;
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
  return {
    questions: asked.length,
    answerable: answerable.length,
    hitAt1: share(hit1, answerable.length),
    hitAt3: share(hit3, answerable.length),
    mrr: share(rr, answerable.length),
    unrelated: share(unrelated, answerable.length),
    noAnswerPrecision: share(empty, none.length),
    misses,
  };
}
