import { beforeAll, describe, expect, it } from 'vitest';
import { askAll, ingestKnowledgeBase, loadKnowledgeBases, measure, type Asked } from '../../../test/support/retrieval-bench';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { DEFAULT_MIN_RELEVANCE } from './relevance';

/**
 * The retrieval benchmark's labelled set (bench/retrieval) as a regression test: every
 * knowledge base ingested through the API into a workspace of its own, every question asked
 * through the search route, measured at the default threshold. The floors are well below the
 * budgets `npm run bench -- --only=retrieval-quality` reports against, so the test fails on a
 * regression, not on a small change of the set; raise them when retrieval improves.
 */
const FLOORS = { hitAt1: 0.6, hitAt3: 0.75, unrelatedAtMost: 0.25, noAnswerPrecision: 0.5 };

const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
const asked: Asked[] = [];

beforeAll(async () => {
  for (const kb of loadKnowledgeBases()) {
    const ws = await testWorkspace(rt.current, `bench-${kb.name}`);
    const request = (path: string, init: { method?: string; json?: unknown; body?: FormData }) => ws.owner.json<any>(path, init);
    await ingestKnowledgeBase(request, kb);
    asked.push(...(await askAll(request, kb)));
  }
}, 120_000);

describe('retrieval benchmark set', () => {
  it('finds the answer and keeps unrelated passages out at the default threshold', () => {
    const m = measure(asked, DEFAULT_MIN_RELEVANCE);
    console.log(JSON.stringify({ ...m, misses: m.misses.length }), '\n', m.misses.join('\n '));
    for (const t of [0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) {
      const x = measure(asked, t);
      console.log(t, x.hitAt1, x.hitAt3, x.mrr, x.unrelated, x.noAnswerPrecision);
    }
    for (const a of asked) console.log(a.question.q, '|', a.question.expect[0] ?? '-', '\n   ', a.hits.map((h) => `${h.score.toFixed(2)} ${h.text.replace(/\s+/g, ' ').slice(0, 50)}`).join('\n    '));
    expect(m.answerable).toBeGreaterThanOrEqual(60);
    expect(m.hitAt1).toBeGreaterThanOrEqual(FLOORS.hitAt1);
    expect(m.hitAt3).toBeGreaterThanOrEqual(FLOORS.hitAt3);
    expect(m.unrelated).toBeLessThanOrEqual(FLOORS.unrelatedAtMost);
    expect(m.noAnswerPrecision).toBeGreaterThanOrEqual(FLOORS.noAnswerPrecision);
  });
});
