import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTestDatabase, testDbMode, type TestDatabaseClone } from './support/database';
import { sameSession, startServerProcess, type ServerProcess } from './support/servers';
import { openStream, type OpenStream } from './support/sse';
import type { TestClient } from './support/client';

/**
 * The inbox across processes: `switchboard start` twice on one PostgreSQL and Redis, the
 * member on server A and the visitor's stream on server B. A takeover and a human reply on A
 * reach the visitor on B, the reply within a generous second (the precise figure is in the
 * fan-out benchmark), and a visitor who drops and reconnects to the other server misses nothing.
 * On the embedded database only one process may hold the data, so the same story runs with
 * both sides on one server.
 */
const scaleOut = testDbMode() === 'postgres' && Boolean(process.env.TEST_REDIS_URL);
const PASSWORD = 'correct horse battery staple';

let clone: TestDatabaseClone;
let a: ServerProcess;
let b: ServerProcess;
let member: TestClient;
let visitor: TestClient;
let agentId: string;

beforeAll(async () => {
  clone = await cloneTestDatabase();
  const shared: Record<string, string> = scaleOut
    ? {
        DATABASE_URL: clone.databaseUrl!,
        REDIS_URL: process.env.TEST_REDIS_URL!,
        SECRET_KEY: 's'.repeat(48),
        DATABASE_POOL_SIZE: '4',
      }
    : { DATA_DIR: clone.dataDir, DATABASE_URL: '', REDIS_URL: '' };
  a = await startServerProcess(shared);
  b = scaleOut ? await startServerProcess(shared) : a;

  const anonymous = a.client();
  expect(
    (await anonymous.post('/api/v1/setup', { name: 'Mia Member', email: 'mia@example.test', password: PASSWORD }))
      .status,
  ).toBe(201);
  member = a.client();
  expect((await member.signIn('mia@example.test', PASSWORD)).status).toBe(200);
  const workspace = await member.post('/api/v1/workspaces', { name: 'Two servers' });
  member.workspaceId = workspace.body.workspace.id;
  const key = await member.post('/api/v1/api-keys', { name: 'visitor side', scopes: ['read', 'write'] });
  visitor = b.client(key.body.secret);
  agentId = (await visitor.post('/api/v1/agents', { name: 'Helper' })).body.agent.id;
  await visitor.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00.',
  });
}, 180_000);

afterAll(async () => {
  await a?.stop();
  if (b !== a) await b?.stop();
  await clone?.drop();
});

/** Waits for a frame and says how long after `since` it was seen. */
async function arrival(
  stream: OpenStream,
  predicate: (f: OpenStream['frames'][number]) => boolean,
  since: number,
): Promise<number> {
  await stream.waitFor((frames) => frames.some(predicate), 5000);
  return performance.now() - since;
}

describe(
  scaleOut ? 'two servers on one PostgreSQL and Redis' : 'one embedded server (two need PostgreSQL and Redis)',
  () => {
    it('a takeover and a human reply on A reach the visitor connected to B', async () => {
      const id = (await visitor.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
      const stream = await openStream(visitor, `/api/v1/conversations/${id}/events`);
      const inbox = await openStream(member, '/api/v1/inbox/events');
      await Promise.all([
        stream.waitFor((f) => f.some((x) => x.event === 'status')),
        inbox.waitFor((f) => f.some((x) => x.event === 'snapshot')),
      ]);

      const asked = await visitor.post(`/api/v1/conversations/${id}/messages`, {
        content: 'I want to talk to a human',
      });
      expect(asked.body.conversationStatus).toBe('pending_human');
      await inbox.waitFor((f) =>
        f.some(
          (x) =>
            x.event === 'conversation' &&
            x.data.conversation.id === id &&
            x.data.conversation.status === 'pending_human',
        ),
      );

      // The takeover arrives (its first status read on B also warms B's caches: no bound on it).
      expect((await member.post(`/api/v1/inbox/conversations/${id}/takeover`)).status).toBe(200);
      await arrival(stream, (f) => f.event === 'status' && f.data.status === 'human', performance.now());
      expect(stream.frames.find((f) => f.event === 'status' && f.data.status === 'human')!.data).toMatchObject({
        cause: 'conversation.taken_over',
        assignee: { name: 'Mia Member' },
      });

      // The reply, committed on A, reaches the visitor on B within a generous second (the bench has the real figure).
      const since = performance.now();
      const reply = await member.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Hi, Mia here.' });
      const replyMs = await arrival(stream, (f) => f.event === 'message' && f.id === reply.body.message.id, since);
      expect(stream.frames.find((f) => f.id === reply.body.message.id)!.data).toMatchObject({
        role: 'human',
        content: 'Hi, Mia here.',
      });
      expect(replyMs, `the reply took ${Math.round(replyMs)} ms to reach the visitor`).toBeLessThan(1000);

      // And back: the visitor's message on B reaches the member's inbox on A.
      const sent = await visitor.post(`/api/v1/conversations/${id}/messages`, { content: 'Thanks Mia' });
      expect(sent.body.status).toBe('queued_for_human');
      await inbox.waitFor((f) =>
        f.some((x) => x.event === 'conversation' && x.data.conversation.lastMessage?.content === 'Thanks Mia'),
      );
      await Promise.all([stream.close(), inbox.close()]);
    });

    it('a visitor who drops on B and reconnects to A gets what was missed, once', async () => {
      const id = (await visitor.post('/api/v1/conversations', { agentId })).body.conversation.id as string;
      await visitor.post(`/api/v1/conversations/${id}/handoff`, {});
      const onA = sameSession(member, a);
      await onA.post(`/api/v1/inbox/conversations/${id}/takeover`);
      const first = await openStream(visitor, `/api/v1/conversations/${id}/events`);
      await onA.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'One' });
      await first.waitFor((f) => f.some((x) => x.event === 'message' && x.data.content === 'One'));
      const lastSeen = first.of('message').at(-1)!.id!;
      await first.close();

      const missed = [];
      for (const content of ['Two', 'Three'])
        missed.push((await onA.post(`/api/v1/inbox/conversations/${id}/messages`, { content })).body.message.id);
      const elsewhere = a.client(visitor.bearer);
      const resumed = await openStream(elsewhere, `/api/v1/conversations/${id}/events`, { 'last-event-id': lastSeen });
      await resumed.waitFor((f) => f.filter((x) => x.event === 'message').length >= 2);
      const after = (await onA.post(`/api/v1/inbox/conversations/${id}/messages`, { content: 'Four' })).body.message.id;
      await resumed.waitFor((f) => f.some((x) => x.id === after));
      expect(resumed.of('message').map((f) => f.id)).toEqual([...missed, after]);
      await resumed.close();
    });
  },
);
