import { beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { say, testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The review queue: answers rated down (with the passages they used), conversations handed
 * to a person and unanswered questions; "Correct this answer" saves a Q&A pair that the next
 * answer to the question uses, and names the passage that misled the bot.
 */
const rt = useTestRuntime();
let ws: TestWorkspace;
let other: TestWorkspace;
let agentId: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'review');
  other = await testWorkspace(rt.current, 'review-other');
  expect(
    (
      await ws.api.post('/api/v1/knowledge/qa', {
        question: 'Do you ship abroad?',
        answer: 'We ship within the EU only.',
      })
    ).status,
  ).toBe(201);
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Shop helper', answerMode: 'extractive' })).body.agent.id;
});

async function ask(question: string) {
  const id = (await ws.api.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
  const answer = await say(ws.api, id, question);
  expect(answer.status).toBe(200);
  return { conversationId: id, messageId: answer.body.messageId as string, answer: answer.body };
}

const queue = async (client = ws.owner, query = '') => {
  const res = await client.json(`/api/v1/reviews${query}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
};

describe('the review queue', () => {
  it('lists an answer rated down with its question, answer and the passages it used', async () => {
    const { conversationId, messageId, answer } = await ask('Do you ship abroad?');
    expect(answer.content).toContain('We ship within the EU only.');
    await ws.api.post(`/api/v1/conversations/${conversationId}/messages/${messageId}/feedback`, {
      rating: 'down',
      comment: 'We do ship to Canada now',
    });

    const item = (await queue(ws.owner, '?kind=rated_down')).find((i) => i.id === messageId);
    expect(item).toMatchObject({
      kind: 'rated_down',
      agentId,
      conversationId,
      question: 'Do you ship abroad?',
      down: 1,
      up: 0,
      comments: ['We do ship to Canada now'],
    });
    expect(item.answer).toBe(answer.content);
    expect(item.passages).toEqual(answer.citations);
    expect(item.misleadingPassage.snippet).toContain('We ship within the EU only.');
  });

  it('lists conversations handed to a person and unanswered questions', async () => {
    const handed = await ask('Do you ship abroad?');
    expect(
      (await ws.api.post(`/api/v1/conversations/${handed.conversationId}/handoff`, { reason: 'Wants a person' }))
        .status,
    ).toBe(200);
    const gap = await ask('Can I pay with bitcoin?');
    expect(gap.answer.offerHuman).toBe(true);

    const items = await queue();
    expect(items.find((i) => i.id === handed.conversationId)).toMatchObject({
      kind: 'handed_off',
      question: 'Do you ship abroad?',
      reason: 'Wants a person',
    });
    const unanswered = items.find((i) => i.kind === 'unanswered' && i.conversationId === gap.conversationId);
    expect(unanswered).toMatchObject({ question: 'Can I pay with bitcoin?', answer: gap.answer.content, passages: [] });
    // Dismissed: it leaves the queue.
    expect(
      (await ws.owner.post(`/api/v1/reviews/${handed.conversationId}/resolve`, { status: 'dismissed' })).status,
    ).toBe(200);
    expect((await queue()).some((i) => i.id === handed.conversationId)).toBe(false);
    expect(
      (await ws.owner.post(`/api/v1/reviews/${handed.conversationId}/resolve`, { status: 'dismissed' })).status,
    ).toBe(404);
  });

  it('“Correct this answer” saves a Q&A pair that the next answer uses, and names the misleading passage', async () => {
    const wrong = await ask('Do you ship within the EU only?');
    expect(wrong.answer.content).toContain('We ship within the EU only.');
    await ws.api.post(`/api/v1/conversations/${wrong.conversationId}/messages/${wrong.messageId}/feedback`, {
      rating: 'down',
    });

    const corrected = await ws.owner.post(`/api/v1/reviews/${wrong.messageId}/correct`, {
      answer: 'Yes: we ship to Norway in 5 to 7 days.',
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.qaPair).toMatchObject({
      question: 'Do you ship within the EU only?',
      answer: 'Yes: we ship to Norway in 5 to 7 days.',
    });
    expect(corrected.body.misleadingPassage.snippet).toContain('We ship within the EU only.');
    expect((await queue()).some((i) => i.id === wrong.messageId)).toBe(false);

    const again = await ask('Do you ship within the EU only?');
    expect(again.answer.content).toContain('we ship to Norway in 5 to 7 days');
    expect(again.answer.citations[0].snippet).toContain('Do you ship within the EU only?');
  });

  it('answers an unanswered question from the queue (it leaves the gaps list too)', async () => {
    const gap = await ask('Do you sell gift cards?');
    const item = (await queue(ws.owner, '?kind=unanswered')).find((i) => i.conversationId === gap.conversationId);
    const corrected = await ws.owner.post(`/api/v1/reviews/${item.id}/correct`, {
      answer: 'Gift cards are sold in our shops.',
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.misleadingPassage).toBeNull();
    const gaps = await ws.owner.json('/api/v1/knowledge/gaps');
    expect(JSON.stringify(gaps.body)).not.toContain('Do you sell gift cards?');
    expect((await ask('Do you sell gift cards?')).answer.content).toContain('Gift cards are sold in our shops.');
  });

  it('keeps each workspace’s queue its own (another workspace sees nothing and changes nothing)', async () => {
    const { conversationId, messageId } = await ask('Do you ship abroad?');
    await ws.api.post(`/api/v1/conversations/${conversationId}/messages/${messageId}/feedback`, { rating: 'down' });
    const theirs = await queue(other.owner);
    expect(theirs.some((i) => i.id === messageId || i.conversationId === conversationId)).toBe(false);
    expect((await other.owner.post(`/api/v1/reviews/${messageId}/correct`, { answer: 'Hijacked.' })).status).toBe(404);
    expect((await other.owner.post(`/api/v1/reviews/${messageId}/resolve`, { status: 'dismissed' })).status).toBe(404);
    expect((await queue()).some((i) => i.id === messageId)).toBe(true);
  });
});
