import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { signedInUser, type TestClient } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The playground talks to the draft or to any published version, live or not: only people
 * who may edit agents, and it works while the agent is paused for everyone else.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;
let agentId: string;
let agentMember: TestClient;

/** A source id that names nothing: an agent limited to it finds no passages at all. */
const NO_SUCH_SOURCE = `src_${'0'.repeat(26)}`;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'playground');
  expect(
    (
      await ws.api.post('/api/v1/knowledge/qa', {
        question: 'What are your opening hours?',
        answer: 'We are open 9:00–17:00, Monday to Friday.',
      })
    ).status,
  ).toBe(201);
  // Version 1 may use no knowledge; version 2 (live) uses all of it.
  const created = await ws.owner.post('/api/v1/agents', {
    name: 'Versions',
    knowledge: { sourceIds: [NO_SUCH_SOURCE], topK: 5, minScore: 0 },
  });
  agentId = created.body.agent.id;
  expect(
    (
      await ws.owner.json(`/api/v1/agents/${agentId}`, {
        method: 'PATCH',
        json: { knowledge: { sourceIds: null, topK: 5, minScore: 0 } },
      })
    ).status,
  ).toBe(200);
  expect(
    (await ws.owner.post(`/api/v1/agents/${agentId}/publish`, { note: 'All sources' })).body.agent.publishedVersion,
  ).toBe(2);

  const person = await signedInUser(rt.current, 'playground-agent');
  await withPlatform((tx) =>
    tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [ws.id, person.userId, 'agent']),
  );
  person.client.workspaceId = ws.id;
  agentMember = person.client;
});

describe('playground conversations with a chosen version', () => {
  it('answers with the chosen version’s configuration, not the live one', async () => {
    const old = await ws.owner.post('/api/v1/conversations', { agentId, version: 1 });
    expect(old.status).toBe(201);
    expect(old.body.conversation).toMatchObject({ agentVersion: 1, channel: 'playground' });
    const fromOld = await say(ws.owner, old.body.conversation.id, 'When are you open?');
    expect(fromOld.body).toMatchObject({ status: 'complete', offerHuman: true, citations: [] });

    const live = await ws.owner.post('/api/v1/conversations', { agentId, version: 2 });
    expect(live.body.conversation.agentVersion).toBe(2);
    const fromLive = await say(ws.owner, live.body.conversation.id, 'When are you open?');
    expect(fromLive.body.content).toContain('9:00–17:00');
    expect(fromLive.body.citations).toHaveLength(1);
  });

  it('refuses a version that does not exist, and the draft and a version together', async () => {
    const missing = await ws.owner.post('/api/v1/conversations', { agentId, version: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('Version 9');
    const both = await ws.owner.post('/api/v1/conversations', { agentId, version: 1, useDraft: true });
    expect(both.status).toBe(400);
    expect(both.body.error.details).toEqual([expect.objectContaining({ path: 'version' })]);
  });

  it('lets only people who may edit agents choose a version; others get the live one', async () => {
    const refused = await agentMember.post('/api/v1/conversations', { agentId, version: 1 });
    expect(refused.status).toBe(403);
    const live = await agentMember.post('/api/v1/conversations', { agentId });
    expect(live.status).toBe(201);
    expect(live.body.conversation).toMatchObject({ agentVersion: 2, channel: 'api' });
  });

  it('keeps the playground open while the agent is paused for everyone else', async () => {
    expect((await ws.owner.post(`/api/v1/agents/${agentId}/status`, { status: 'paused' })).status).toBe(200);
    try {
      const visitorSide = await ws.api.post('/api/v1/conversations', { agentId });
      expect(visitorSide.status).toBe(409);
      expect(visitorSide.body.error.code).toBe('agent_paused');
      expect((await ws.owner.post('/api/v1/conversations', { agentId, useDraft: true })).status).toBe(201);
      expect((await ws.owner.post('/api/v1/conversations', { agentId, version: 2 })).status).toBe(201);
    } finally {
      await ws.owner.post(`/api/v1/agents/${agentId}/status`, { status: 'active' });
    }
  });
});
