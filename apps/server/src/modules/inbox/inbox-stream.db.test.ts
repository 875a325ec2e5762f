import { beforeAll, describe, expect, it } from 'vitest';
import { conversationStream } from '../chat';
import { inboxWorkspace, type InboxWorkspace } from '../../../test/support/inbox';
import { useTestRuntime } from '../../../test/support/runtime';
import { openStream, type Frame } from '../../../test/support/sse';
import { say } from '../../../test/support/workspace';

/**
 * The inbox stream and the conversation stream together, as the dashboard and the widget
 * hold them: live rows and unread counts, typing both ways, presence; and connections
 * dropped on both sides mid-conversation, resumed with nothing lost and nothing twice.
 */
const rt = useTestRuntime();
let ws: InboxWorkspace;

beforeAll(async () => {
  ws = await inboxWorkspace(rt.current, 'streams');
});

const rowsOf = (frames: Frame[], id: string) =>
  frames.filter((f) => f.event === 'conversation' && f.data.conversation.id === id).map((f) => f.data);
const messageIds = (frames: Frame[]) => frames.filter((f) => f.event === 'message').map((f) => f.id!);

describe('the inbox stream', () => {
  it('starts with a snapshot, then shows a new hand-off live with unread counts', async () => {
    const ana = ws.members.ana!;
    const waiting = await ws.conversation();
    await ws.api.post(`/api/v1/conversations/${waiting}/handoff`, {});
    const inbox = await openStream(ana.client, '/api/v1/inbox/events');
    expect(inbox.status).toBe(200);
    await inbox.waitFor((f) => f.some((x) => x.event === 'snapshot'));
    const snapshot = inbox.of('snapshot')[0]!.data;
    expect(snapshot.conversations.map((c: any) => c.id)).toContain(waiting);
    expect(snapshot.presence.map((p: any) => p.userId)).toContain(ana.userId);

    const id = await ws.conversation({ name: 'Nina' });
    await say(ws.api, id, 'Hi, I want to talk to a human');
    await inbox.waitFor((f) => rowsOf(f, id).some((r) => r.cause === 'conversation.handoff_requested'));
    const row = rowsOf(inbox.frames, id).at(-1)!;
    expect(row.conversation).toMatchObject({ status: 'pending_human', unread: 1, visitor: { name: 'Nina' } });
    expect(row.unread).toMatchObject({ conversations: 1, messages: 1 });
    await ana.client.post(`/api/v1/inbox/conversations/${id}/read`, {});
    await inbox.waitFor((f) => rowsOf(f, id).some((r) => r.cause === 'inbox.read' && r.conversation.unread === 0));
    // Another member's read marker is theirs: it doesn't reach Ana's stream.
    await ws.members.ben!.client.post(`/api/v1/inbox/conversations/${waiting}/read`, {});
    await new Promise((r) => setTimeout(r, 300));
    expect(rowsOf(inbox.frames, waiting).filter((r) => r.cause === 'inbox.read')).toEqual([]);
    await inbox.close();
    expect((await ana.client.json('/api/v1/inbox/events')).status).toBe(406);
  });

  it('carries typing both ways, members’ presence and the visitor’s', async () => {
    const ana = ws.members.ana!;
    const ben = ws.members.ben!;
    const id = (await ws.api.post('/api/v1/conversations', { agentId: ws.agentId, visitorId: 'v-presence' })).body
      .conversation.id as string;
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    await ana.client.post(`/api/v1/inbox/conversations/${id}/takeover`);
    const visitor = await openStream(ws.api, `/api/v1/conversations/${id}/events`);
    const benInbox = await openStream(ben.client, '/api/v1/inbox/events');
    await Promise.all([
      visitor.waitFor((f) => f.some((x) => x.event === 'status')),
      benInbox.waitFor((f) => f.some((x) => x.event === 'snapshot')),
    ]);
    const status = visitor.of('status')[0]!.data;
    expect(status).toMatchObject({
      status: 'human',
      assignee: { name: expect.stringContaining('streams-ana') },
      askContact: false,
    });
    expect(Object.keys(status.assignee)).toEqual(['name', 'avatarUrl']);

    expect((await ana.client.post(`/api/v1/inbox/conversations/${id}/typing`, { typing: true })).status).toBe(204);
    await visitor.waitFor((f) =>
      f.some((x) => x.event === 'typing' && x.data.from === 'human' && x.data.typing === true),
    );
    expect(visitor.of('typing')[0]!.data).toEqual({
      conversationId: id,
      from: 'human',
      name: expect.stringContaining('streams-ana'),
      typing: true,
    });
    expect((await ws.api.post(`/api/v1/conversations/${id}/typing`, { typing: true })).status).toBe(204);
    await benInbox.waitFor((f) =>
      f.some((x) => x.event === 'typing' && x.data.from === 'visitor' && x.data.conversationId === id),
    );

    const beat = await ana.client.post('/api/v1/inbox/presence', { status: 'online' });
    expect(beat.body).toMatchObject({ status: 'online' });
    await ana.client.post('/api/v1/inbox/presence', { status: 'away' });
    await benInbox.waitFor((f) =>
      f.some((x) => x.event === 'presence' && x.data.userId === ana.userId && x.data.status === 'away'),
    );

    // A visitor's own stream (the widget's) says they are there, and gone when it closes.
    const visitorCtx = {
      tenantId: ws.id,
      actor: { type: 'visitor' as const, visitorId: 'v-presence' },
      requestId: 't',
    };
    const parts = conversationStream(visitorCtx, id, { visibleRoles: new Set(['user', 'assistant', 'human']) });
    expect((await parts.replay(null))[0]).toMatchObject({ event: 'status', data: { status: 'human' } });
    parts.onClose!();
    await benInbox.waitFor((f) => f.filter((x) => x.event === 'visitor' && x.data.conversationId === id).length >= 2);
    expect(benInbox.of('visitor').map((x) => x.data.online)).toEqual([true, false]);
    await visitor.close();
    await benInbox.close();
  });
});

describe('dropped connections', () => {
  it('resume on both sides with nothing lost and nothing twice', async () => {
    const ana = ws.members.ana!;
    const id = await ws.conversation();
    const visitor = await openStream(ws.api, `/api/v1/conversations/${id}/events`);
    const memberView = await openStream(ana.client, `/api/v1/conversations/${id}/events`);
    const inbox = await openStream(ana.client, '/api/v1/inbox/events');
    await say(ws.api, id, 'When are you open?');
    // Ana is in the inbox: no nobody-online notice joins the messages counted here.
    await ana.client.post('/api/v1/inbox/presence', { status: 'online' });
    await ws.api.post(`/api/v1/conversations/${id}/handoff`, {});
    await ana.client.post(`/api/v1/inbox/conversations/${id}/takeover`);
    await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Ana here.' });
    await Promise.all([
      visitor.waitFor((f) => messageIds(f).length >= 4),
      memberView.waitFor((f) => messageIds(f).length >= 4),
    ]);
    const lastSeen = messageIds(visitor.frames).at(-1)!;
    const memberLastSeen = messageIds(memberView.frames).at(-1)!;
    await Promise.all([visitor.close(), memberView.close(), inbox.close()]);

    // While everyone is away: two from each side, and a note.
    await say(ws.api, id, 'Are you still there?');
    await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Yes, one moment.' });
    await say(ws.api, id, 'OK');
    await ana.client.post(`/api/v1/inbox/conversations/${id}/notes`, { content: 'Checking the order' });
    await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Found it: it ships today.' });
    const stored = (await ws.api.json(`/api/v1/conversations/${id}/messages`)).body.messages as Array<{
      id: string;
      content: string;
    }>;
    const missed = stored.slice(stored.findIndex((m) => m.id === lastSeen) + 1).map((m) => m.id);
    expect(missed).toHaveLength(4);

    const visitorAgain = await openStream(ws.api, `/api/v1/conversations/${id}/events`, { 'last-event-id': lastSeen });
    const memberAgain = await openStream(ana.client, `/api/v1/conversations/${id}/events`, {
      'last-event-id': memberLastSeen,
    });
    const inboxAgain = await openStream(ana.client, '/api/v1/inbox/events');
    await Promise.all([
      visitorAgain.waitFor((f) => messageIds(f).length >= 4),
      memberAgain.waitFor((f) => messageIds(f).length >= 4),
      inboxAgain.waitFor((f) => f.some((x) => x.event === 'snapshot')),
    ]);
    expect(messageIds(visitorAgain.frames)).toEqual(missed);
    expect(messageIds(memberAgain.frames)).toEqual(missed);
    expect(visitorAgain.of('status')[0]!.data).toMatchObject({ status: 'human' });
    const snapshotRows = inboxAgain.of('snapshot')[0]!.data.conversations.filter((c: any) => c.id === id);
    expect(snapshotRows).toHaveLength(1);
    expect(snapshotRows[0]).toMatchObject({
      status: 'human',
      unread: 0,
      lastMessage: { role: 'human', content: 'Found it: it ships today.' },
    });

    // Live again after the resume: each new message once, everywhere.
    await say(ws.api, id, 'Great, thanks!');
    const reply = await ana.client.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'You are welcome.' });
    await Promise.all([
      visitorAgain.waitFor((f) => messageIds(f).includes(reply.body.message.id)),
      memberAgain.waitFor((f) => messageIds(f).includes(reply.body.message.id)),
    ]);
    await inboxAgain.waitFor((f) =>
      rowsOf(f, id).some((r) => r.conversation.lastMessage?.content === 'You are welcome.'),
    );
    for (const stream of [visitorAgain, memberAgain]) {
      const ids = messageIds(stream.frames);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(6);
    }
    expect(JSON.stringify(visitorAgain.frames)).not.toContain('Checking the order');
    await Promise.all([visitorAgain.close(), memberAgain.close(), inboxAgain.close()]);
  });
});
