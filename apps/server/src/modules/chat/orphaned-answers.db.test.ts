import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { createLogger } from '../../platform/log';
import { PROCESS_ID, ProcessRegistry } from '../../platform/processes';
import { withPlatform, withTenant, type ServiceContext } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { createConversation } from './conversations';
import { beginTurn } from './turn/begin-turn';
import { recoverOrphanedAnswers } from './turn/orphans';
import { runTurn } from './turn/run-turn';
import type { TurnEvent } from './turn/types';

/**
 * Answers a server process left streaming when it died, with several servers on one database
 * (PostgreSQL: every transaction its own connection). Recovery marks the answers of dead
 * processes only; a retry with the answer's Idempotency-Key waits while its process lives and
 * answers once it is dead — once, however many retries arrive together.
 */
const rt = useTestRuntime();
const log = createLogger('silent');
let ctx: ServiceContext;
let agentId: string;

beforeAll(async () => {
  const ws = await testWorkspace(rt.current, 'orphans');
  ctx = {
    tenantId: ws.id,
    actor: { type: 'user', userId: ws.ownerId, email: 'owner@example.test', role: 'owner' },
    requestId: 'orphans-test',
  };
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Orphans', answerMode: 'extractive' })).body.agent.id;
});

/** A process in the registry, last heard from `secondsAgo`. */
async function otherProcess(secondsAgo: number): Promise<string> {
  const id = newId('proc');
  await withPlatform((tx) =>
    tx.query(
      'INSERT INTO server_processes (id, host, pid, beat_at) VALUES ($1, $2, 1, now() - make_interval(secs => $3))',
      [id, 'elsewhere', secondsAgo],
    ),
  );
  return id;
}

/** A turn begun (its answer claimed) and left streaming by `owner` (null: claimed before claims named one). */
async function streamingAnswer(owner: string | null, key = newId('test'), ageSeconds = 0) {
  const conversation = await createConversation(ctx, { agentId });
  const turn = await beginTurn(ctx, conversation.id, { content: 'What are your opening hours?', idempotencyKey: key });
  if (turn.kind !== 'answer') throw new Error(`expected an answer turn, got ${turn.kind}`);
  await withTenant(ctx, (tx) =>
    tx.query(
      'UPDATE messages SET answered_by = $2, created_at = created_at - make_interval(secs => $3) WHERE conversation_id = $1',
      [conversation.id, owner, ageSeconds],
    ),
  );
  return { conversationId: conversation.id, claimId: turn.claim.id, key };
}

const statusOf = async (id: string) =>
  (await withTenant(ctx, (tx) => tx.query<{ status: string }>('SELECT status FROM messages WHERE id = $1', [id])))
    .rows[0]!.status;
const messagesOf = async (conversationId: string) =>
  (
    await withTenant(ctx, (tx) =>
      tx.query<{ id: string; role: string; status: string; content: string }>(
        'SELECT id, role, status, content FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
        [conversationId],
      ),
    )
  ).rows;

async function retry(answer: { conversationId: string; key: string }): Promise<TurnEvent[]> {
  const events: TurnEvent[] = [];
  for await (const event of runTurn(
    ctx,
    answer.conversationId,
    { content: 'What are your opening hours?', idempotencyKey: answer.key },
    new AbortController().signal,
  ))
    events.push(event);
  return events;
}

describe('recovery at start-up, several servers', () => {
  it('marks the answers of dead processes interrupted and leaves those of live ones streaming', async () => {
    const live = await streamingAnswer(await otherProcess(2));
    const mine = await streamingAnswer(PROCESS_ID);
    const stale = await streamingAnswer(await otherProcess(60));
    const unknown = await streamingAnswer(newId('proc'));
    const unownedRecent = await streamingAnswer(null);
    const unownedOld = await streamingAnswer(null, newId('test'), 600);

    const starting = new ProcessRegistry([recoverOrphanedAnswers], log, newId('proc'));
    await starting.start({ exclusive: false });
    try {
      const statuses = await Promise.all(
        [live, mine, stale, unknown, unownedRecent, unownedOld].map((a) => statusOf(a.claimId)),
      );
      expect(statuses).toEqual(['streaming', 'streaming', 'interrupted', 'interrupted', 'streaming', 'interrupted']);
    } finally {
      await starting.stop();
    }
  });

  it('with the embedded database (one process owns it), marks every answer left streaming', async () => {
    const live = await streamingAnswer(await otherProcess(2));
    const unowned = await streamingAnswer(null);
    const owner = new ProcessRegistry([recoverOrphanedAnswers], log, newId('proc'));
    await owner.start({ exclusive: true });
    await owner.stop();
    expect([await statusOf(live.claimId), await statusOf(unowned.claimId)]).toEqual(['interrupted', 'interrupted']);
  });
});

describe('a retry of an answer left streaming', () => {
  it('waits while its process lives, then answers it in the same slot once that process is dead', async () => {
    const other = await otherProcess(0);
    const answer = await streamingAnswer(other);
    const retried = retry(answer);
    await new Promise((r) => setTimeout(r, 600));
    // Alive: no second answer is started.
    expect((await messagesOf(answer.conversationId)).map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'streaming'],
    ]);

    await withPlatform((tx) =>
      tx.query("UPDATE server_processes SET beat_at = now() - interval '1 minute' WHERE id = $1", [other]),
    );
    const events = await retried;
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', data: { messageId: answer.claimId, status: 'complete' } });
    expect((done.data as { replayed?: boolean }).replayed).toBeUndefined();
    const stored = await messagesOf(answer.conversationId);
    expect(stored.map((m) => [m.id, m.role, m.status])).toEqual([
      [stored[0]!.id, 'user', 'complete'],
      [answer.claimId, 'assistant', 'complete'],
    ]);
    expect(stored[1]!.content).toBe((done.data as { content: string }).content);
    expect(stored[1]!.content).not.toBe('');
  });

  it('answers a cut-off answer once when several retries arrive together; the others replay it', async () => {
    // As recovery leaves an answer whose process died: interrupted, empty, never stored.
    const conversation = await createConversation(ctx, { agentId });
    const turn = await beginTurn(ctx, conversation.id, {
      content: 'What are your opening hours?',
      idempotencyKey: 'together',
    });
    if (turn.kind !== 'answer') throw new Error(`expected an answer turn, got ${turn.kind}`);
    await withTenant(ctx, (tx) =>
      tx.query(
        "UPDATE messages SET status = 'interrupted', error = 'The answer was cut off (the server stopped).' WHERE id = $1",
        [turn.claim.id],
      ),
    );
    const answer = { conversationId: conversation.id, claimId: turn.claim.id, key: 'together' };

    const results = await Promise.all([1, 2, 3, 4].map(() => retry(answer)));
    const dones = results.map(
      (events) => events.at(-1)!.data as { messageId: string; status: string; content: string; replayed?: boolean },
    );
    expect(dones.filter((d) => !d.replayed)).toHaveLength(1);
    expect(new Set(dones.map((d) => JSON.stringify([d.messageId, d.status, d.content])))).toEqual(
      new Set([JSON.stringify([answer.claimId, 'complete', dones[0]!.content])]),
    );
    expect((await messagesOf(answer.conversationId)).map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    const counted = await withTenant(ctx, (tx) =>
      tx.query<{ message_count: number }>('SELECT message_count FROM conversations WHERE id = $1', [
        answer.conversationId,
      ]),
    );
    expect(counted.rows[0]!.message_count).toBe(2);
  });
});
