import { beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { openStream } from '../../../test/support/sse';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';

/**
 * The widget's side of the hand-off as the team's inbox meets it: outside business hours the
 * visitor's stream says to ask for contact details until they leave them (through the agent's
 * lead form, or the plain contact form when it has none), and a rating given once the
 * conversation is closed reaches the inbox live and shows in the conversation's detail.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: TestWorkspace;
let agentId: string;
let publicKey: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'widget-handoff');
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Shop helper' })).body.agent.id;
  ({ publicKey } = await widgetFor(ws, agentId));
});

const visitor = async () => {
  const v = new VisitorClient(rt.current, publicKey);
  await v.session();
  return v;
};

/** Opening hours every day, but today is a holiday: whenever the test runs, nobody is there. */
async function closeForToday(): Promise<void> {
  const day = [{ from: '09:00', to: '17:00' }];
  const weekly = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
  const saved = await ws.owner.json('/api/v1/inbox/settings', {
    method: 'PUT',
    json: {
      businessHours: { enabled: true, timezone: 'UTC', weekly, holidays: [new Date().toISOString().slice(0, 10)] },
    },
  });
  expect(saved.status).toBe(200);
}

describe('asking for a person outside business hours', () => {
  it('tells the visitor’s stream to ask for contact details, until the contact form (no lead form configured) brings them', async () => {
    await closeForToday();
    const v = await visitor();
    // No lead form, and nobody asked for contact details: the form is refused.
    expect((await v.post('/lead', { values: { email: 'early@example.test' } })).body.error.code).toBe(
      'lead_form_disabled',
    );
    const stream = await v.events();
    await stream.waitFor((f) => f.some((x) => x.event === 'status'));
    expect(stream.frames.find((x) => x.event === 'status')!.data).toMatchObject({ status: 'bot', askContact: false });

    const handoff = await v.post('/handoff', {});
    expect(handoff.body).toEqual({ status: 'pending_human', askContact: true });
    // The conversation's own `created` event may reach the stream after the request (the outbox
    // drains on its own schedule), and a status frame always carries the state as it is now; so
    // the frame to check is the one the request caused.
    await stream.waitFor((f) =>
      f.some((x) => x.event === 'status' && x.data.cause === 'conversation.handoff_requested'),
    );
    expect(
      stream.frames.find((x) => x.event === 'status' && x.data.cause === 'conversation.handoff_requested')!.data,
    ).toMatchObject({ status: 'pending_human', askContact: true });
    expect(stream.frames.filter((x) => x.event === 'status').at(-1)!.data).toMatchObject({
      status: 'pending_human',
      askContact: true,
    });
    await stream.waitFor((f) =>
      f.some(
        (x) =>
          x.event === 'message' &&
          /Our team is away right now\. A person will reply from \w+day 09:00/.test(x.data.content),
      ),
    );
    // Asking again changes nothing and still says so.
    expect((await v.post('/handoff', {})).body).toEqual({ status: 'pending_human', askContact: true });

    const nameOnly = await v.post('/lead', { values: { name: 'Ada' } });
    expect(nameOnly.status).toBe(400);
    expect(nameOnly.body.error.details).toEqual([
      { path: 'email', message: 'Leave an email address or a phone number' },
    ]);
    const badPhone = await v.post('/lead', { values: { name: 'Ada', phone: 'call me' } });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.map((d: any) => d.path)).toEqual(['phone']);
    const sent = await v.post('/lead', { values: { name: 'Ada', email: 'Ada@Example.test', plan: 'not a field' } });
    expect(sent.status).toBe(201);

    // The lead clears the request: the stream says so, and the inbox agrees.
    await stream.waitFor((f) =>
      f.some((x) => x.event === 'status' && x.data.cause === 'conversation.contact_received'),
    );
    expect(stream.frames.filter((x) => x.event === 'status').at(-1)!.data).toMatchObject({
      status: 'pending_human',
      askContact: false,
    });
    expect((await v.post('/handoff', {})).body).toEqual({ status: 'pending_human', askContact: false });
    expect((await ws.owner.json(`/api/v1/inbox/conversations/${v.conversationId}`)).body.conversation.askContact).toBe(
      false,
    );
    const leads = (await ws.api.json(`/api/v1/leads?conversationId=${v.conversationId}`)).body.leads;
    expect(leads).toEqual([
      expect.objectContaining({
        id: sent.body.lead.id,
        name: 'Ada',
        email: 'ada@example.test',
        phone: null,
        source: 'widget',
        agentId,
        fields: {},
      }),
    ]);
    await stream.close();
  });
});

describe('the visitor’s rating', () => {
  it('reaches the inbox stream live and shows in the conversation’s detail', async () => {
    const v = await visitor();
    expect((await ws.owner.json(`/api/v1/inbox/conversations/${v.conversationId}`)).body.rating).toBeNull();
    expect((await ws.owner.post(`/api/v1/inbox/conversations/${v.conversationId}/close`)).status).toBe(200);
    const inbox = await openStream(ws.owner, '/api/v1/inbox/events');
    await inbox.waitFor((f) => f.some((x) => x.event === 'snapshot'));

    expect((await v.post('/rating', { rating: 2, comment: 'Slow to answer' })).status).toBe(200);
    await inbox.waitFor((f) =>
      f.some(
        (x) =>
          x.event === 'conversation' &&
          x.data.cause === 'csat.submitted' &&
          x.data.conversation.id === v.conversationId,
      ),
    );
    const detail = (await ws.owner.json(`/api/v1/inbox/conversations/${v.conversationId}`)).body;
    expect(detail.rating).toEqual({ rating: 2, comment: 'Slow to answer', ratedAt: expect.any(String) });

    // Rating again replaces it.
    await v.post('/rating', { rating: 5 });
    expect((await ws.owner.json(`/api/v1/inbox/conversations/${v.conversationId}`)).body.rating).toMatchObject({
      rating: 5,
      comment: null,
    });
    await inbox.close();
  });
});
