import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * Thumbs up or down on an answer, from the widget (visitor token), the API and the
 * playground: one rating per answer and rater, changeable, only on answers the caller may
 * reach; each emits `answer.rated`.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: TestWorkspace;
let other: TestWorkspace;
let agentId: string;
let publicKey: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'feedback');
  other = await testWorkspace(rt.current, 'feedback-other');
  expect(
    (
      await ws.api.post('/api/v1/knowledge/qa', {
        question: 'What is the warranty period?',
        answer: 'Every device has a two-year warranty.',
      })
    ).status,
  ).toBe(201);
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Shop helper', answerMode: 'extractive' })).body.agent.id;
  ({ publicKey } = await widgetFor(ws, agentId));
});

async function visitorWithAnswer(question = 'What is the warranty period?') {
  const v = new VisitorClient(rt.current, publicKey);
  await v.session();
  const answer = await v.send(question);
  expect(answer.status).toBe(200);
  return { v, messageId: answer.body.messageId as string };
}

const ratingsOf = (tenantId: string, messageId: string) =>
  withTenant({ tenantId }, async (tx) => ({
    rows: (
      await tx.query<{ rating: string; comment: string | null; source: string; rater: string }>(
        'SELECT rating, comment, source, rater FROM answer_feedback WHERE message_id = $1',
        [messageId],
      )
    ).rows,
    events: (
      await tx.query<{ payload: Record<string, unknown> }>(
        "SELECT payload FROM events_outbox WHERE type = 'answer.rated' AND payload->>'messageId' = $1 ORDER BY id",
        [messageId],
      )
    ).rows.map((r) => r.payload),
  }));

describe('rating answers in the widget', () => {
  it('keeps one rating per visitor and answer, changed by rating again, and emits answer.rated each time', async () => {
    const { v, messageId } = await visitorWithAnswer();
    const down = await v.post(`/messages/${messageId}/feedback`, { rating: 'down', comment: 'Too vague' });
    expect(down.status).toBe(200);
    expect(down.body.feedback).toMatchObject({ messageId, rating: 'down', comment: 'Too vague', source: 'widget' });
    const up = await v.post(`/messages/${messageId}/feedback`, { rating: 'up' });
    expect(up.body.feedback).toMatchObject({ rating: 'up', comment: null });

    const stored = await ratingsOf(ws.id, messageId);
    expect(stored.rows).toEqual([{ rating: 'up', comment: null, source: 'widget', rater: `visitor:${v.visitor!.id}` }]);
    expect(stored.events).toEqual([
      { conversationId: v.conversationId, messageId, agentId, rating: 'down', previous: null, source: 'widget' },
      { conversationId: v.conversationId, messageId, agentId, rating: 'up', previous: 'down', source: 'widget' },
    ]);
    const mine = await v.call(v.conversationPath('/feedback'));
    expect(mine.body.feedback).toEqual([expect.objectContaining({ messageId, rating: 'up' })]);
  });

  it('refuses another conversation’s answer, the visitor’s own message, and a bad rating', async () => {
    const mine = await visitorWithAnswer();
    const theirs = await visitorWithAnswer();
    // The other visitor's answer, through my own conversation.
    expect((await mine.v.post(`/messages/${theirs.messageId}/feedback`, { rating: 'down' })).status).toBe(404);
    // The other visitor's conversation in the path: my token does not open it.
    const foreign = await mine.v.call(
      mine.v.conversationPath(`/messages/${theirs.messageId}/feedback`, theirs.v.conversationId),
      { method: 'POST', json: { rating: 'down' } },
    );
    expect(foreign.status).toBe(404);
    const messages = await mine.v.call(mine.v.conversationPath('/messages'));
    const question = messages.body.messages.find((m: { role: string }) => m.role === 'user');
    expect((await mine.v.post(`/messages/${question.id}/feedback`, { rating: 'down' })).status).toBe(404);
    const bad = await mine.v.post(`/messages/${mine.messageId}/feedback`, { rating: 'meh' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect((await ratingsOf(ws.id, theirs.messageId)).rows).toEqual([]);
  });
});

describe('rating answers through the API and in the playground', () => {
  it('rates as the API key on API conversations and as the person in the playground', async () => {
    const api = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
    const fromApi = await say(ws.api, api, 'What is the warranty period?');
    const rated = await ws.api.post(`/api/v1/conversations/${api}/messages/${fromApi.body.messageId}/feedback`, {
      rating: 'down',
      comment: 'Wrong product',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.feedback).toMatchObject({ rating: 'down', source: 'api' });

    const play = (await ws.owner.post('/api/v1/conversations', { agentId, useDraft: true })).body.conversation
      .id as string;
    const fromDraft = await say(ws.owner, play, 'What is the warranty period?');
    const tried = await ws.owner.post(`/api/v1/conversations/${play}/messages/${fromDraft.body.messageId}/feedback`, {
      rating: 'up',
    });
    expect(tried.body.feedback).toMatchObject({ rating: 'up', source: 'playground' });
    expect((await ws.owner.json(`/api/v1/conversations/${play}/feedback`)).body.feedback).toHaveLength(1);
  });

  it('never lets another workspace rate or read an answer (404)', async () => {
    const api = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
    const answer = await say(ws.api, api, 'What is the warranty period?');
    expect(
      (
        await other.api.post(`/api/v1/conversations/${api}/messages/${answer.body.messageId}/feedback`, {
          rating: 'down',
        })
      ).status,
    ).toBe(404);
    expect((await other.api.fetch(`/api/v1/conversations/${api}/feedback`)).status).toBe(404);
    expect((await ratingsOf(ws.id, answer.body.messageId)).rows).toEqual([]);
  });
});
