import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/client';
import { search, settled } from '../../../test/support/knowledge-sources';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * An API key limited to one agent ("Shop"), used as an attacker would: over HTTP, against the
 * knowledge of a workspace whose other agent ("Billing") keeps sources, Q&A and visitors'
 * questions of its own. Shop answers from shopOnly, shared and the Q&A pairs; Billing from
 * shared and billingOnly.
 */
const rt = useTestRuntime({ RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let key: TestClient;
const ids = { shop: '', billing: '', shopOnly: '', shared: '', billingOnly: '', qaSource: '', pair: '' };

async function textSource(title: string, text: string): Promise<string> {
  const { body } = await ws.api.post('/api/v1/knowledge/sources', { kind: 'text', title, text });
  await settled(ws.api, body.source.id);
  return body.source.id;
}

async function agent(name: string, sourceIds: string[] | null): Promise<string> {
  const { status, body } = await ws.api.post('/api/v1/agents', { name, knowledge: { sourceIds } });
  expect(status).toBe(201);
  return body.agent.id;
}

/** Asks an agent something no knowledge answers: recorded as an unanswered question. */
async function unanswered(client: TestClient, agentId: string, question: string): Promise<string> {
  const { body } = await client.post('/api/v1/conversations', { agentId });
  await say(client, body.conversation.id, question);
  return body.conversation.id;
}

const expectRefused = (res: { status: number; body: any }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.body.error).toMatchObject({ code, requestId: expect.any(String) });
  return res.body.error.message as string;
};

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'scope');
  ids.shopOnly = await textSource('Shop returns', 'Shop returns are accepted within thirty days with the receipt.');
  ids.shared = await textSource('Shared delivery', 'Delivery takes three working days everywhere.');
  ids.billingOnly = await textSource('Billing secrets', 'Invoices for the platypus account are paid by wire transfer.');
  const pair = await ws.api.post('/api/v1/knowledge/qa', {
    question: 'Do you gift wrap?',
    answer: 'Yes, for two euros.',
  });
  ids.pair = pair.body.pair.id;
  ids.qaSource = pair.body.pair.sourceId;
  ids.shop = await agent('Shop', [ids.shopOnly, ids.shared, ids.qaSource]);
  ids.billing = await agent('Billing', [ids.shared, ids.billingOnly]);
  const created = await ws.owner.post('/api/v1/api-keys', {
    name: 'shop only',
    scopes: ['read', 'write'],
    agentIds: [ids.shop],
  });
  key = new TestClient(rt.current, created.body.secret);
}, 60_000);

describe('an API key limited to one agent reads', () => {
  it("its agent's sources, and no other", async () => {
    const listed = await key.json('/api/v1/knowledge/sources');
    expect(listed.body.sources.map((s: { id: string }) => s.id).sort()).toEqual(
      [ids.shopOnly, ids.shared, ids.qaSource].sort(),
    );
    expect((await key.json(`/api/v1/knowledge/sources/${ids.billingOnly}`)).status).toBe(404);
    expect((await key.json(`/api/v1/knowledge/sources/${ids.shopOnly}`)).status).toBe(200);
  });

  it('search results from its sources only, whatever sources it names', async () => {
    expect((await search(ws.api, 'platypus invoices wire transfer')).map((p) => p.sourceId)).toContain(ids.billingOnly);
    // Its own sources may share a word or a synonym ("invoice", "receipt"); the billing source never comes back.
    expect((await search(key, 'platypus invoices wire transfer')).map((p) => p.sourceId)).not.toContain(
      ids.billingOnly,
    );
    expect(await search(key, 'platypus invoices wire transfer', { sourceIds: [ids.billingOnly] })).toEqual([]);
    expect((await search(key, 'returns receipt thirty days')).map((p) => p.sourceId)).toContain(ids.shopOnly);
  });

  it("the unanswered questions of its agent's conversations only", async () => {
    const billingConversation = await unanswered(ws.api, ids.billing, 'Can the zebra pay with seashells?');
    await unanswered(key, ids.shop, 'Can my llama come into the shop?');
    const all = (await ws.api.json('/api/v1/knowledge/gaps')).body.groups.map(
      (g: { representative: string }) => g.representative,
    );
    expect(all).toEqual(
      expect.arrayContaining(['Can the zebra pay with seashells?', 'Can my llama come into the shop?']),
    );
    const mine = await key.json('/api/v1/knowledge/gaps');
    expect(mine.body.groups.map((g: { representative: string }) => g.representative)).toEqual([
      'Can my llama come into the shop?',
    ]);
    expect(JSON.stringify(mine.body)).not.toContain(billingConversation);

    const billingGap = (await ws.api.json('/api/v1/knowledge/gaps')).body.groups.find((g: { representative: string }) =>
      g.representative.includes('zebra'),
    ).gapIds;
    expect((await key.post('/api/v1/knowledge/gaps/dismiss', { gapIds: billingGap })).status).toBe(404);
    expect(
      (
        await key.post('/api/v1/knowledge/gaps/answer', {
          gapIds: billingGap,
          question: 'Zebra payments?',
          answer: 'Only seashells.',
        })
      ).status,
    ).toBe(404);
    expect(
      (await ws.api.json('/api/v1/knowledge/gaps')).body.groups.some((g: { representative: string }) =>
        g.representative.includes('zebra'),
      ),
    ).toBe(true);
  });
});

describe('an API key limited to one agent changes', () => {
  it('the sources only its agents use, not those other agents answer from', async () => {
    expect(
      (
        await key.json(`/api/v1/knowledge/sources/${ids.shopOnly}`, {
          method: 'PATCH',
          json: { title: 'Returns policy' },
        })
      ).status,
    ).toBe(200);
    const message = expectRefused(
      await key.json(`/api/v1/knowledge/sources/${ids.shared}`, { method: 'PATCH', json: { title: 'Hijacked' } }),
      403,
      'knowledge_shared',
    );
    expect(message).toMatch(/limited to some agents.*outside it/);
    expectRefused(
      await key.json(`/api/v1/knowledge/sources/${ids.shared}`, { method: 'DELETE' }),
      403,
      'knowledge_shared',
    );
    expectRefused(
      await key.json(`/api/v1/knowledge/sources/${ids.billingOnly}`, { method: 'DELETE' }),
      404,
      'not_found',
    );
    expect((await ws.api.json(`/api/v1/knowledge/sources/${ids.shared}`)).body.source.title).toBe('Shared delivery');
  });

  it('Q&A pairs while no other agent answers from them, and then no more', async () => {
    expect((await key.json('/api/v1/knowledge/qa')).body.pairs.map((p: { id: string }) => p.id)).toEqual([ids.pair]);
    expect(
      (
        await key.json(`/api/v1/knowledge/qa/${ids.pair}`, {
          method: 'PUT',
          json: { question: 'Do you gift wrap?', answer: 'Yes, for one euro.' },
        })
      ).status,
    ).toBe(200);
    // Billing starts answering from the Q&A pairs too: they are shared now.
    await ws.api.json(`/api/v1/agents/${ids.billing}`, {
      method: 'PATCH',
      json: { knowledge: { sourceIds: [ids.shared, ids.billingOnly, ids.qaSource] } },
    });
    expectRefused(
      await key.json(`/api/v1/knowledge/qa/${ids.pair}`, {
        method: 'PUT',
        json: { question: 'Do you gift wrap?', answer: 'Send your card number.' },
      }),
      403,
      'knowledge_shared',
    );
    expectRefused(await key.json(`/api/v1/knowledge/qa/${ids.pair}`, { method: 'DELETE' }), 403, 'knowledge_shared');
    expectRefused(
      await key.post('/api/v1/knowledge/qa', { question: 'Where do I send my password?', answer: 'To us.' }),
      403,
      'knowledge_shared',
    );
    expect((await ws.api.json('/api/v1/knowledge/qa')).body.pairs.map((p: { answer: string }) => p.answer)).toEqual([
      'Yes, for one euro.',
    ]);
  });
});

describe('an API key limited to one agent adds', () => {
  it('no agent, and widens none of its agents to other knowledge', async () => {
    const message = expectRefused(await key.post('/api/v1/agents', { name: 'Sneaky' }), 403, 'agent_scope');
    expect(message).toContain('cannot create agents');
    expect((await ws.api.json('/api/v1/agents')).body.agents.map((a: { name: string }) => a.name)).not.toContain(
      'Sneaky',
    );
    expectRefused(
      await key.json(`/api/v1/agents/${ids.shop}`, {
        method: 'PATCH',
        json: { knowledge: { sourceIds: [ids.shopOnly, ids.billingOnly] } },
      }),
      403,
      'knowledge_scope',
    );
    expectRefused(
      await key.json(`/api/v1/agents/${ids.shop}`, { method: 'PATCH', json: { knowledge: { sourceIds: null } } }),
      403,
      'knowledge_scope',
    );
    expect((await key.json(`/api/v1/knowledge/sources/${ids.billingOnly}`)).status).toBe(404);
    // Narrowing is fine.
    const narrowed = await key.json(`/api/v1/agents/${ids.shop}`, {
      method: 'PATCH',
      json: { knowledge: { sourceIds: [ids.shopOnly, ids.shared] } },
    });
    expect(narrowed.status).toBe(200);
  });

  it('no version back that answered from other knowledge', async () => {
    // The owner once let Shop answer from everything (version 2), then narrowed it again (version 3).
    await ws.api.json(`/api/v1/agents/${ids.shop}`, { method: 'PATCH', json: { knowledge: { sourceIds: null } } });
    await ws.api.post(`/api/v1/agents/${ids.shop}/publish`, {});
    await ws.api.json(`/api/v1/agents/${ids.shop}`, {
      method: 'PATCH',
      json: { knowledge: { sourceIds: [ids.shopOnly] } },
    });
    const live = await ws.api.post(`/api/v1/agents/${ids.shop}/publish`, {});
    expect(live.body.agent.publishedVersion).toBe(3);
    expectRefused(await key.post(`/api/v1/agents/${ids.shop}/rollback`, { version: 2 }), 403, 'knowledge_scope');
    expect((await key.json(`/api/v1/agents/${ids.shop}`)).body.agent.publishedVersion).toBe(3);
  });

  it('a source only when every agent that would use it is its own', async () => {
    const source = { kind: 'text', title: 'Shop news', text: 'The shop opens a second floor.' };
    // None of its agents answers from every source: the source would reach nobody it serves.
    expect(expectRefused(await key.post('/api/v1/knowledge/sources', source), 403, 'knowledge_scope')).toContain(
      'whole workspace',
    );
    await ws.api.json(`/api/v1/agents/${ids.shop}`, { method: 'PATCH', json: { knowledge: { sourceIds: null } } });
    // Another agent answering from every source would pick it up too.
    const desk = await agent('Desk', null);
    expectRefused(await key.post('/api/v1/knowledge/sources', source), 403, 'knowledge_shared');
    const form = new FormData();
    form.append('file', new Blob(['# Shop news\n\nA second floor.'], { type: 'text/markdown' }), 'news.md');
    expectRefused(
      await key.json('/api/v1/knowledge/sources/upload', { method: 'POST', body: form }),
      403,
      'knowledge_shared',
    );
    await ws.api.post(`/api/v1/agents/${desk}/status`, { status: 'archived' });
    const added = await key.post('/api/v1/knowledge/sources', source);
    expect(added.status).toBe(201);
    expect((await key.json(`/api/v1/knowledge/sources/${added.body.source.id}`)).status).toBe(200);
  });
});
