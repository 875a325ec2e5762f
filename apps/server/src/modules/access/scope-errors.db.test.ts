import { beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/client';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The dashboard creates read-only keys by default; the API guide's chat examples need write.
 * Someone following them with a read-only key must be told which scope is missing, not a
 * bare "forbidden" — in the message and in a field a client can act on.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;
let readOnly: TestClient;
let conversationId: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'scopes');
  const key = await ws.owner.post('/api/v1/api-keys', { name: 'dashboard default', scopes: ['read'] });
  expect(key.status).toBe(201);
  readOnly = new TestClient(rt.current, key.body.secret as string);
  const agent = await ws.api.post('/api/v1/agents', { name: 'Support' });
  const conversation = await ws.api.post('/api/v1/conversations', { agentId: agent.body.agent.id });
  expect(conversation.status).toBe(201);
  conversationId = conversation.body.conversation.id as string;
});

describe('a read-only API key on a route that changes something', () => {
  it('is told, when it sends a chat message, that the write scope is needed', async () => {
    const res = await readOnly.post(`/api/v1/conversations/${conversationId}/messages`, {
      content: 'Where is my order?',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toMatch(/^This API key is read-only; this route needs the write scope/);
    expect(res.body.error.details).toEqual({
      permission: 'conversations.reply',
      requiredScope: 'write',
      keyScopes: ['read'],
    });
  });

  it('is told the same creating an agent or a conversation', async () => {
    for (const [path, body] of [
      ['/api/v1/agents', { name: 'Sales' }],
      ['/api/v1/conversations', { agentId: 'agt_00000000000000000000000000' }],
    ] as const) {
      const res = await readOnly.post(path, body);
      expect(res.status, path).toBe(403);
      expect(res.body.error.details?.requiredScope, path).toBe('write');
    }
  });

  it('still reads', async () => {
    expect((await readOnly.json(`/api/v1/conversations/${conversationId}`)).status).toBe(200);
  });
});
