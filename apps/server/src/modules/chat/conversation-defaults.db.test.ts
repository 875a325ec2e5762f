import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { say } from '../../../test/support/workspace';

/**
 * Conversation defaults without a model: small talk gets a short reply and never counts as
 * unanswered, and the visitor's "yes" or "no" to the bot's offer of a person acts on it.
 */
const rt = useTestRuntime();
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'defaults');
});

const stateOf = async (id: string) =>
  (
    await withPlatform((tx) =>
      tx.query<{ status: string; unanswered_streak: number; human_offered: boolean }>(
        'SELECT status, unanswered_streak, human_offered FROM conversations WHERE id = $1',
        [id],
      ),
    )
  ).rows[0]!;

describe('small talk', () => {
  it('"Hi there!" then "Thanks, bye" keeps the bot, counts nothing unanswered, and later questions are answered', async () => {
    const id = await ws.conversation();
    const hi = await say(ws.api, id, 'Hi there!');
    expect(hi.body).toMatchObject({
      status: 'complete',
      model: 'small-talk',
      conversationStatus: 'bot',
      offerHuman: false,
      content: 'Hi! How can I help you today?',
    });
    const bye = await say(ws.api, id, 'Thanks, bye');
    expect(bye.body).toMatchObject({
      model: 'small-talk',
      conversationStatus: 'bot',
      content: expect.stringMatching(/great day/),
    });
    expect(await stateOf(id)).toEqual({ status: 'bot', unanswered_streak: 0, human_offered: false });
    const answered = await say(ws.api, id, 'What are your opening hours?');
    expect(answered.body).toMatchObject({ conversationStatus: 'bot', content: expect.stringContaining('9:00–17:00') });
  });

  it('replies in the visitor’s language when the agent follows the visitor', async () => {
    const agent = await ws.api.post('/api/v1/agents', { name: 'Follows', language: 'auto' });
    const started = await ws.api.post('/api/v1/conversations', {
      agentId: agent.body.agent.id,
      metadata: { locale: 'es-ES' },
    });
    const id = started.body.conversation.id as string;
    const hola = await say(ws.api, id, '¡Hola!');
    expect(hola.body.content).toBe('¡Hola! ¿En qué puedo ayudarte hoy?');
  });
});

describe('the offer of a person', () => {
  it('"yes" to the offer hands the conversation to a person', async () => {
    const id = await ws.conversation();
    const miss = await say(ws.api, id, 'Do you sell refurbished submarines?');
    expect(miss.body).toMatchObject({ offerHuman: true, conversationStatus: 'bot' });
    expect((await stateOf(id)).human_offered).toBe(true);
    const yes = await say(ws.api, id, 'yes please');
    // Nobody on the team is online here: no promise in the answer; the inbox says so as it routes.
    expect(yes.body).toMatchObject({ conversationStatus: 'pending_human', messageId: null });
    expect((await ws.api.json(`/api/v1/conversations/${id}`)).body.conversation.handoffReason).toBe(
      'The visitor accepted the offer of a person.',
    );
  });

  it('"no" is acknowledged, the bot goes on answering, and a later "yes" is a question again', async () => {
    const id = await ws.conversation();
    await say(ws.api, id, 'Do you sell refurbished submarines?');
    const no = await say(ws.api, id, 'No thanks');
    expect(no.body).toMatchObject({
      conversationStatus: 'bot',
      model: 'small-talk',
      content: 'No problem. What else can I help you with?',
    });
    expect(await stateOf(id)).toMatchObject({ status: 'bot', human_offered: false });
    const answered = await say(ws.api, id, 'What are your opening hours?');
    expect(answered.body.content).toContain('9:00–17:00');
    const yes = await say(ws.api, id, 'yes');
    expect(yes.body.conversationStatus).toBe('bot');
    expect(yes.body.model).not.toBe('handoff');
  });
});
