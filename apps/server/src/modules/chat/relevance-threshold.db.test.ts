import { beforeAll, describe, expect, it } from 'vitest';
import { settled } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The agent's minimum relevance in a chat turn without a model: passages below it never reach
 * the answer (the "Do you accept PayPal?" answered with warranty instructions), and an
 * extractive answer quotes the best passage alone.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;

const WARRANTY =
  'Warranty claims: if a zipper breaks within a year, send a photo of the defect with your order number and we repair the garment free of charge.';
const RETURNS =
  'Returns: you can return unworn items within 30 days of delivery. Start a return from the returns portal.';
const SHIPPING =
  'Shipping: standard shipping takes 3 to 5 business days. Items are shipped from our warehouse in Ohio.';

async function agent(knowledge?: Record<string, unknown>): Promise<string> {
  const created = await ws.api.post('/api/v1/agents', {
    name: 'Shop',
    ...(knowledge && { knowledge: { sourceIds: null, topK: 5, ...knowledge } }),
  });
  expect(created.status).toBe(201);
  return created.body.agent.id;
}

async function ask(agentId: string, question: string) {
  const conversation = await ws.api.post('/api/v1/conversations', { agentId });
  expect(conversation.status).toBe(201);
  const res = await say(ws.api, conversation.body.conversation.id, question);
  expect(res.status).toBe(200);
  return res.body as { content: string; citations: Array<{ snippet: string }>; offerHuman: boolean; model: string };
}

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'threshold');
  for (const [title, text] of [
    ['Warranty', WARRANTY],
    ['Returns', RETURNS],
    ['Shipping', SHIPPING],
  ]) {
    const created = await ws.api.post('/api/v1/knowledge/sources', { kind: 'text', title, text });
    expect(created.status).toBe(201);
    expect((await settled(ws.api, created.body.source.id)).status).toBe('ready');
  }
});

describe('the minimum relevance in a chat turn', () => {
  it('answers "Do you accept PayPal?" with "couldn’t find", never with the warranty instructions', async () => {
    const answer = await ask(await agent(), 'Do you accept PayPal?');
    expect(answer.model).toBe('extractive');
    expect(answer.content).not.toContain('zipper');
    expect(answer.citations).toEqual([]);
    expect(answer.offerHuman).toBe(true);
  });

  it('quotes the best passage only, with one citation, when several share words with the question', async () => {
    const answer = await ask(await agent(), 'Are items shipped from the warehouse, and can I return items?');
    expect(answer.citations).toHaveLength(1);
    const quoted = [RETURNS, SHIPPING].filter((text) => answer.content.includes(text.split(': ')[1]!.slice(0, 40)));
    expect(quoted).toHaveLength(1);
    expect(answer.content).not.toContain('zipper');
    expect(answer.offerHuman).toBe(false);
  });

  it('filters on the agent’s own setting: the same question finds nothing above a minimum of 0.99', async () => {
    const question = 'The zipper on my jacket broke';
    const lenient = await ask(await agent({ minScore: 0.1 }), question);
    expect(lenient.content).toContain('zipper breaks');
    expect(lenient.citations).toHaveLength(1);
    const strict = await ask(await agent({ minScore: 0.99 }), question);
    expect(strict.citations).toEqual([]);
    expect(strict.offerHuman).toBe(true);
  });
});
