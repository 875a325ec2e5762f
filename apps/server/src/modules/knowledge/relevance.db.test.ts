import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { replaceChunks } from './chunk-store';
import { createQaPair } from './qa';
import { DEFAULT_MIN_RELEVANCE } from './relevance';
import { retrieve } from './retrieve';
import { knowledgeSources } from './schema';

/**
 * Relevance on its absolute scale (full-text, as without embeddings): a passage sharing no word
 * with the question scores nothing, an exact Q&A match scores high, and scores mean the same
 * across questions (the best passage of an unanswered question is not 1 because it is first).
 */
const rt = useTestRuntime();
let ctx: ServiceContext;

const PASSAGES: Record<string, [heading: string, text: string]> = {
  returns: [
    'Returns',
    'You can return unworn items within 30 days of delivery. Start a return from the returns portal.',
  ],
  warranty: [
    'Warranty',
    'If a zipper breaks within a year, send a photo of the defect with your order number and we repair the garment free of charge.',
  ],
  shipping: ['Shipping', 'Standard shipping takes 3 to 5 business days and is free on orders over $50.'],
};

beforeAll(async () => {
  const ws = await testWorkspace(rt.current, 'relevance');
  ctx = systemContext(ws.id, 'test');
  await withTenant(ctx, async (tx) => {
    for (const [label, [heading, text]] of Object.entries(PASSAGES)) {
      const id = newId('src');
      await tx.db.insert(knowledgeSources).values({
        tenantId: ctx.tenantId,
        id,
        kind: 'text',
        title: label,
        status: 'ready',
        progress: 100,
        chunkCount: 1,
      });
      await replaceChunks(tx, ctx.tenantId, id, 'english', [{ text, heading, tokens: Math.ceil(text.length / 4) }]);
    }
  });
  await createQaPair(ctx, {
    question: 'Where is my order?',
    answer: 'The Orders page of your account shows where your parcel is.',
  });
});

const about = (hits: Awaited<ReturnType<typeof retrieve>>, word: string) => hits.find((h) => h.text.includes(word));

describe('relevance', () => {
  it('gives a passage sharing no word with the question no relevance: it is not returned, or scores 0', async () => {
    const hits = await retrieve(ctx, { query: 'Do you accept PayPal?', topK: 10 });
    expect(about(hits, 'zipper')?.score ?? 0).toBe(0);
    for (const hit of hits) expect(hit.score).toBeLessThan(DEFAULT_MIN_RELEVANCE);
    expect(await retrieve(ctx, { query: 'Do you accept PayPal?', topK: 10, minScore: DEFAULT_MIN_RELEVANCE })).toEqual(
      [],
    );
  });

  it('scores an exact Q&A match high, and a paraphrase through synonyms above the threshold', async () => {
    const exact = await retrieve(ctx, { query: 'Where is my order?', topK: 3 });
    expect(exact[0]?.qa?.question).toBe('Where is my order?');
    expect(exact[0]!.score).toBeGreaterThanOrEqual(0.9);
    const paraphrase = await retrieve(ctx, { query: "where's my package?", topK: 3 });
    expect(paraphrase[0]?.qa?.question).toBe('Where is my order?');
    expect(paraphrase[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_RELEVANCE);
  });

  it('is comparable across questions: the best passage of a question the knowledge does not answer scores low', async () => {
    const answered = await retrieve(ctx, { query: 'How many days do I have to return an item?', topK: 3 });
    const unanswered = await retrieve(ctx, { query: 'Can I return a gift card bought with bitcoin?', topK: 3 });
    expect(about(answered, 'unworn')).toBe(answered[0]);
    expect(about(unanswered, 'unworn')).toBe(unanswered[0]);
    // The same passage, first in both lists, with a relevance that says how much of each question it answers.
    expect(answered[0]!.score).toBeGreaterThanOrEqual(DEFAULT_MIN_RELEVANCE);
    expect(unanswered[0]!.score).toBeLessThan(answered[0]!.score / 2);
    expect(unanswered[0]!.score).toBeLessThan(1);
  });
});
