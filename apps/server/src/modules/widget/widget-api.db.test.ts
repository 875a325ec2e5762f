import { beforeAll, describe, expect, it } from 'vitest';
import { withPlatform } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { LEAD_SOURCES } from '@switchboard/contract/leads';
import { identityHash } from './identity';

/**
 * The widget's public API as the widget script uses it, from a page on an allowed origin:
 * sessions, streamed answers, the live stream, typing, hand-off, the lead form, CSAT,
 * identity verification.
 */
const rt = useTestRuntime({ WIDGET_RATE_LIMIT_PER_MINUTE: '1000', WIDGET_IP_RATE_LIMIT_PER_MINUTE: '10000' });
let ws: TestWorkspace;
let agentId: string;
let publicKey: string;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'widget');
  agentId = (
    await ws.api.post('/api/v1/agents', {
      name: 'Shop helper',
      greeting: 'Hello from the shop!',
      suggestedQuestions: ['When are you open?'],
    })
  ).body.agent.id;
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00, Monday to Friday.',
  });
  ({ publicKey } = await widgetFor(ws, agentId));
});

const visitor = () => new VisitorClient(rt.current, publicKey);

describe('sessions', () => {
  it('makes no conversation until asked, then resumes it with the visitor key', async () => {
    const v = visitor();
    const opened = await v.call('/session', { method: 'POST', json: {} });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      conversation: null,
      token: null,
      identity: 'none',
      visitor: { verified: false },
    });
    expect(opened.body.visitor.id).toMatch(/^vis_/);
    v.visitor = opened.body.visitor;
    const started = await v.session();
    expect(started.body.conversation).toMatchObject({ id: expect.stringMatching(/^conv_/), status: 'bot' });
    expect(started.body.visitor.id).toBe(opened.body.visitor.id);
    const stored = await ws.api.json(`/api/v1/conversations/${v.conversationId}`);
    expect(stored.body.conversation).toMatchObject({ channel: 'widget', visitorId: opened.body.visitor.id, agentId });

    const later = visitor();
    later.visitor = v.visitor;
    later.conversationId = v.conversationId;
    expect((await later.session({ create: false })).body.conversation.id).toBe(v.conversationId);

    const impostor = visitor();
    impostor.visitor = { id: v.visitor!.id, key: 'not-the-key' };
    impostor.conversationId = v.conversationId;
    const refused = await impostor.session({ create: false });
    expect(refused.body.conversation).toBeNull();
    expect(refused.body.visitor.id).not.toBe(v.visitor!.id);

    const fresh = await later.session({ fresh: true });
    expect(fresh.body.conversation.id).not.toBe(v.conversationId);
  });
});

describe('a conversation through the widget', () => {
  it('streams a cited answer and shows the visitor their messages live, without internals', async () => {
    const v = visitor();
    await v.session();
    const stream = await v.events();
    expect(stream.status).toBe(200);
    await stream.waitFor((f) => f.length >= 1);
    expect(stream.frames[0]).toMatchObject({ event: 'status', data: { status: 'bot', assignee: null } });
    const answer = await v.send('When are you open?', { stream: true, idempotencyKey: 'widget-1' });
    const kinds = answer.events.map((e) => e.event);
    expect(kinds).toContain('citation');
    expect(kinds.at(-1)).toBe('done');
    const done = answer.events.at(-1)!.data;
    expect(done.content).toContain('9:00–17:00');
    await stream.waitFor((f) => f.filter((x) => x.event === 'message').length >= 2);
    const messages = stream.frames.filter((f) => f.event === 'message');
    expect(messages.map((m) => m.data.role)).toEqual(['user', 'assistant']);
    expect(messages[1]!.id).toBe(done.messageId);
    expect(messages[1]!.data.citations[0]).toMatchObject({ index: 1, title: expect.any(String) });
    expect(Object.keys(messages[1]!.data).sort()).toEqual([
      'citations',
      'content',
      'createdAt',
      'id',
      'replyTo',
      'role',
      'status',
    ]);
    await stream.close();

    const retry = await v.send('When are you open?', { idempotencyKey: 'widget-1' });
    expect(retry.body).toMatchObject({ messageId: done.messageId, replayed: true });
    const history = await v.call(v.conversationPath('/messages'));
    expect(history.body.messages).toHaveLength(2);
    const resumed = await v.call(v.conversationPath(`/messages?after=${messages[0]!.id}`));
    expect(resumed.body.messages.map((m: any) => m.id)).toEqual([done.messageId]);
  });

  it('passes typing and presence to the team, asks for a person, and reports the hand-off', async () => {
    const v = visitor();
    await v.session();
    const team = await ws.api.fetch(`/api/v1/conversations/${v.conversationId}/events`, {
      headers: { accept: 'text/event-stream' },
    });
    const reader = team.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const teamSees = async (needle: string) => {
      const deadline = Date.now() + 8000;
      while (!seen.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`team never saw ${needle}: ${seen}`);
        const { value } = await reader.read();
        seen += value ?? '';
      }
    };
    await teamSees('event: status');
    const own = await v.events();
    await teamSees('"online":true');
    expect((await v.post('/typing', { typing: true })).status).toBe(200);
    await teamSees('"from":"visitor","typing":true');
    const handoff = await v.post('/handoff', {});
    expect(handoff.body.status).toBe('pending_human');
    await own.waitFor((f) => f.some((x) => x.event === 'status' && x.data.status === 'pending_human'));
    expect(own.frames.some((f) => f.event === 'typing' || f.event === 'presence')).toBe(false);
    await own.close();
    await teamSees('"online":false');
    await reader.cancel();
  });
});

describe('lead form', () => {
  it('checks the form the workspace configured, then records the lead linked to the conversation', async () => {
    const v = visitor();
    await v.session();
    expect((await v.post('/lead', { values: { email: 'a@b.test' } })).body.error.code).toBe('lead_form_disabled');
    await ws.owner.json(`/api/v1/widgets/${agentId}`, {
      method: 'PATCH',
      json: {
        leadForm: {
          enabled: true,
          when: 'before_chat',
          fields: [
            { key: 'name', label: 'Name', required: true },
            { key: 'email', label: 'Email', type: 'email', required: true },
            { key: 'plan', label: 'Plan', type: 'select', options: ['Basic', 'Pro'] },
          ],
          consent: { text: 'I agree to be contacted.', required: true },
        },
      },
    });
    expect((await v.call('/config')).body.widget.leadForm).toMatchObject({
      when: 'before_chat',
      consent: { text: 'I agree to be contacted.' },
    });
    const invalid = await v.post('/lead', { values: { name: '', email: 'nope', plan: 'Gold' }, consent: false });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: any) => d.path).sort()).toEqual(['consent', 'email', 'name', 'plan']);
    const saved = await v.post('/lead', {
      values: { name: 'Ada', email: 'Ada@Example.test', plan: 'Pro', injected: 'ignored' },
      consent: true,
    });
    expect(saved.status).toBe(201);
    const [lead] = (
      await withPlatform((tx) =>
        tx.query('SELECT * FROM leads WHERE tenant_id = $1 AND id = $2', [ws.id, saved.body.lead.id]),
      )
    ).rows;
    expect(lead).toBeDefined();
    expect(lead).toMatchObject({
      name: 'Ada',
      email: 'ada@example.test',
      conversation_id: v.conversationId,
      agent_id: agentId,
      source: 'widget',
      consent: true,
    });
    expect(lead!.fields).toEqual({ plan: 'Pro' });
    // The consent text stored is the form's, in its own column with the time it was given.
    expect(lead).toMatchObject({ consent_text: 'I agree to be contacted.' });
    expect(lead!.consent_at).toBeInstanceOf(Date);
    // The Leads page's Source filter offers LEAD_SOURCES: the widget's own value finds this lead.
    expect(LEAD_SOURCES).toContain(lead!.source);
    const filtered = await ws.api.json(`/api/v1/leads?source=${lead!.source}`);
    expect(filtered.body.leads.map((l: any) => l.id)).toContain(saved.body.lead.id);
  });
});

describe('satisfaction rating', () => {
  it('is taken once the conversation is closed, and replaced when given again', async () => {
    const v = visitor();
    await v.session();
    expect((await v.post('/rating', { rating: 5 })).body.error.code).toBe('conversation_open');
    await withPlatform((tx) =>
      tx.query(`UPDATE conversations SET status = 'closed' WHERE tenant_id = $1 AND id = $2`, [
        ws.id,
        v.conversationId,
      ]),
    );
    expect((await v.post('/rating', { rating: 6 })).status).toBe(400);
    expect((await v.post('/rating', { rating: 2, comment: 'Slow' })).status).toBe(200);
    expect((await v.post('/rating', { rating: 4 })).body).toEqual({ rating: 4, comment: null });
    const rows = (
      await withPlatform((tx) =>
        tx.query('SELECT rating FROM conversation_ratings WHERE tenant_id = $1 AND conversation_id = $2', [
          ws.id,
          v.conversationId,
        ]),
      )
    ).rows;
    expect(rows).toEqual([{ rating: 4 }]);
  });
});

describe('identity verification', () => {
  it('makes a verified user of whoever has the hash, with their history on any device; nobody else reaches it', async () => {
    const rotated = await ws.owner.post('/api/v1/widget-identity/rotate');
    expect(rotated.body.secret).toMatch(/^idv_[A-Za-z0-9]{40}$/);
    const status = await ws.owner.json('/api/v1/widget-identity');
    expect(status.body.identity).toMatchObject({ configured: true, hint: `••••${rotated.body.secret.slice(-4)}` });
    expect(JSON.stringify(status.body)).not.toContain(rotated.body.secret);
    const identity = {
      userId: 'customer-42',
      name: 'Grace',
      email: 'grace@example.test',
      hash: identityHash(rotated.body.secret, 'customer-42'),
    };

    const laptop = visitor();
    const signedIn = await laptop.session({ identity });
    expect(signedIn.body).toMatchObject({
      identity: 'verified',
      visitor: { id: 'verified:customer-42', key: null, verified: true },
    });
    await laptop.send('When are you open?');
    const phone = visitor();
    expect((await phone.session({ identity, create: false })).body.conversation.id).toBe(laptop.conversationId);

    const anonymous = visitor();
    anonymous.conversationId = laptop.conversationId;
    const claims = await anonymous.session({ identity: { userId: 'customer-42' }, create: false });
    expect(claims.body).toMatchObject({ identity: 'unverified', conversation: null });
    const forged = await anonymous.session({
      identity: { userId: 'customer-42', hash: identityHash('guess', 'customer-42') },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('identity_invalid');
    const planted = await anonymous.session({ visitorId: 'verified:customer-42', visitorKey: 'x', create: false });
    expect(planted.body.conversation).toBeNull();

    const again = await ws.owner.post('/api/v1/widget-identity/rotate');
    expect((await visitor().session({ identity })).status).toBe(401);
    expect(
      (
        await visitor().session({
          identity: { ...identity, hash: identityHash(again.body.secret, 'customer-42') },
          create: false,
        })
      ).body.conversation.id,
    ).toBe(laptop.conversationId);
  });
});
