import { beforeAll, describe, expect, it } from 'vitest';
import {
  askAll,
  ingestKnowledgeBase,
  loadKnowledgeBases,
  measure,
  type Asked,
} from '../../../test/support/retrieval-bench';
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
const FLOORS = { hitAt1: 0.6, hitAt3: 0.7, unrelatedAtMost: 0.2, noAnswerPrecision: 0.75 };

const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });
const asked: Asked[] = [];

beforeAll(async () => {
  for (const kb of loadKnowledgeBases()) {
    const ws = await testWorkspace(rt.current, `bench-${kb.name}`);
    const request = (path: string, init: { method?: string; json?: unknown; body?: FormData }) =>
      ws.owner.json<any>(path, init);
    await ingestKnowledgeBase(request, kb);
    asked.push(...(await askAll(request, kb)));
  }
}, 120_000);

describe('retrieval benchmark set', () => {
  it('finds the answer and keeps unrelated passages out at the default threshold', () => {
    const m = measure(asked, DEFAULT_MIN_RELEVANCE);
    if (m.misses.length) console.log(`retrieval benchmark (full-text): missed\n  ${m.misses.join('\n  ')}`);
    expect(m.answerable).toBeGreaterThanOrEqual(60);
    expect(m.hitAt1).toBeGreaterThanOrEqual(FLOORS.hitAt1);
    expect(m.hitAt3).toBeGreaterThanOrEqual(FLOORS.hitAt3);
    expect(m.unrelated).toBeLessThanOrEqual(FLOORS.unrelatedAtMost);
    expect(m.noAnswerPrecision).toBeGreaterThanOrEqual(FLOORS.noAnswerPrecision);
  });
});
