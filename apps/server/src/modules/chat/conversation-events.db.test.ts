import { describe, expect, it, beforeAll } from 'vitest';
import { realtimeHub } from '../../platform/realtime';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import type { TestClient } from '../../../test/support/client';
import { openStream } from '../../../test/support/sse';

/** GET /api/v1/conversations/{id}/events: status, stored messages, live messages, resume by id. */
const rt = useTestRuntime();
let ws: TestWorkspace;
let agentId: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'events');
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Helper' })).body.agent.id;
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00.',
  });
});

/** An open event stream of one conversation. */
const open = (client: TestClient, conversationId: string, headers: Record<string, string> = {}) =>
  openStream(client, `/api/v1/conversations/${conversationId}/events`, headers);

describe('conversation events', () => {
  it('sends the status, then each new message once, live', async () => {
    const conversation = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    const stream = await open(ws.api, conversation.id);
    expect(stream.status).toBe(200);
    await stream.waitFor((f) => f.length >= 1);
    expect(stream.frames[0]).toMatchObject({
      event: 'status',
      data: { conversationId: conversation.id, status: 'bot' },
    });
    const answer = await say(ws.api, conversation.id, 'When are you open?');
    await stream.waitFor((f) => f.filter((x) => x.event === 'message').length >= 2);
    const messages = stream.frames.filter((f) => f.event === 'message');
    expect(messages.map((m) => m.data.role)).toEqual(['user', 'assistant']);
    expect(messages[1]!.id).toBe(answer.body.messageId);
    expect(messages[1]!.data.content).toContain('9:00–17:00');
    expect(messages.map((m) => m.id)).toEqual(messages.map((m) => m.data.id));
    await stream.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(realtimeHub().listenerCount).toBe(0);
  });

  it('resumes after the last message it saw: nothing missed, nothing twice', async () => {
    const conversation = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    await say(ws.api, conversation.id, 'When are you open?');
    const first = await ws.api.json(`/api/v1/conversations/${conversation.id}/messages`);
    const [userMessage, reply] = first.body.messages;
    // Disconnected after the visitor's message; the answer and a new exchange happen meanwhile.
    await say(ws.api, conversation.id, 'Opening hours again?');
    const resumed = await open(ws.api, conversation.id, { 'last-event-id': userMessage.id });
    await resumed.waitFor((f) => f.filter((x) => x.event === 'message').length >= 3);
    const ids = resumed.frames.filter((f) => f.event === 'message').map((f) => f.id);
    expect(ids[0]).toBe(reply.id);
    expect(ids).not.toContain(userMessage.id);
    expect(new Set(ids).size).toBe(ids.length);
    await resumed.close();
  });

  it('reports a hand-off as a status change', async () => {
    const conversation = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    const stream = await open(ws.api, conversation.id);
    await stream.waitFor((f) => f.length >= 1);
    expect(stream.frames[0]!.data.status).toBe('bot');
    const { requestHandoff } = await import('../chat');
    await requestHandoff(
      { tenantId: ws.id, actor: { type: 'system', reason: 'test' }, requestId: 't' },
      conversation.id,
      'test',
    );
    // Each status item reads the conversation as it is when delivered; the hand-off's own item names its cause.
    await stream.waitFor((f) =>
      f.some(
        (x) =>
          x.event === 'status' &&
          x.data.status === 'pending_human' &&
          x.data.cause === 'conversation.handoff_requested',
      ),
    );
    expect(stream.of('status').at(-1)!.data.status).toBe('pending_human');
    await stream.close();
  });

  it('refuses a plain request (406), a bad resume id (400) and another workspace (404)', async () => {
    const conversation = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation;
    const plain = await ws.api.json(`/api/v1/conversations/${conversation.id}/events`);
    expect(plain.status).toBe(406);
    expect(plain.body.error.code).toBe('not_acceptable');
    const bad = await ws.api.json(`/api/v1/conversations/${conversation.id}/events?after=nope`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(bad.status).toBe(400);
    const other = await testWorkspace(rt.current, 'events-other');
    const foreign = await other.api.json(`/api/v1/conversations/${conversation.id}/events`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(foreign.status).toBe(404);
  });
});
