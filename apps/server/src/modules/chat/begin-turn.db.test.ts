import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { createConversation } from './conversations';
import { conversations } from './schema';
import { beginTurn } from './turn/begin-turn';

/** The start of a turn: what one statement writes, and what it reads while another turn holds the conversation. */
const rt = useTestRuntime();
let ctx: ServiceContext;
let agentId: string;

beforeAll(async () => {
  const ws = await testWorkspace(rt.current, 'begin');
  ctx = {
    tenantId: ws.id,
    actor: { type: 'user', userId: ws.ownerId, email: 'owner@example.test', role: 'owner' },
    requestId: 'begin-turn-test',
  };
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Starter', answerMode: 'extractive' })).body.agent.id;
});

const rowsOf = (conversationId: string) =>
  withTenant(ctx, async (tx) => ({
    messages: (
      await tx.query<{ id: string; role: string; content: string; status: string; reply_to: string | null }>(
        'SELECT id, role, content, status, reply_to FROM messages WHERE conversation_id = $1 ORDER BY created_at, id',
        [conversationId],
      )
    ).rows,
    conversation: (
      await tx.query<{ message_count: number; title: string | null }>(
        'SELECT message_count, title FROM conversations WHERE id = $1',
        [conversationId],
      )
    ).rows[0]!,
    events: (
      await tx.query<{ payload: Record<string, unknown> }>(
        "SELECT payload FROM events_outbox WHERE type = 'message.created' AND payload->>'conversationId' = $1",
        [conversationId],
      )
    ).rows,
  }));

describe('beginTurn', () => {
  it('stores the message, counts it, records its event and claims the reply slot after it', async () => {
    const conversation = await createConversation(ctx, { agentId });
    const turn = await beginTurn(ctx, conversation.id, { content: 'Where is my parcel?', idempotencyKey: 'k-1' });
    if (turn.kind !== 'answer') throw new Error(`expected an answer turn, got ${turn.kind}`);
    const stored = await rowsOf(conversation.id);
    expect(stored.messages).toEqual([
      { id: turn.userMessage.id, role: 'user', content: 'Where is my parcel?', status: 'complete', reply_to: null },
      { id: turn.claim.id, role: 'assistant', content: '', status: 'streaming', reply_to: turn.userMessage.id },
    ]);
    expect(stored.conversation).toEqual({ message_count: 1, title: 'Where is my parcel?' });
    expect(stored.events.map((e) => e.payload)).toEqual([
      { conversationId: conversation.id, messageId: turn.userMessage.id, role: 'user', conversationStatus: 'bot' },
    ]);
    expect(turn.userMessage).toMatchObject({ content: 'Where is my parcel?', idempotencyKey: 'k-1', role: 'user' });
    expect(turn.claim.createdAt.getTime()).toBe(turn.userMessage.createdAt.getTime());

    // The same key again replays: nothing new is written.
    const again = await beginTurn(ctx, conversation.id, { content: 'Where is my parcel?', idempotencyKey: 'k-1' });
    expect(again).toMatchObject({
      kind: 'replay',
      userMessage: { id: turn.userMessage.id },
      reply: { id: turn.claim.id },
    });
    expect((await rowsOf(conversation.id)).messages).toHaveLength(2);
  });

  it('sees the messages of a turn that held the conversation while it waited (PostgreSQL: two connections)', async () => {
    // On the embedded database (one connection) the second transaction simply waits its turn;
    // on PostgreSQL the waiting statement's snapshot predates the other commit, and the turn
    // must read the history again under the lock to see it.
    const conversation = await createConversation(ctx, { agentId });
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const other = withTenant(ctx, async (tx) => {
      await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversation.id]);
      await tx.query(
        "INSERT INTO messages (tenant_id, id, conversation_id, role, content) VALUES ($1, $2, $3, 'user', 'asked in another tab')",
        [ctx.tenantId, newId('msg'), conversation.id],
      );
      await tx.query('UPDATE conversations SET message_count = message_count + 1 WHERE id = $1', [conversation.id]);
      started();
      await new Promise((r) => setTimeout(r, 300));
    });
    await holding;
    const [turn] = await Promise.all([beginTurn(ctx, conversation.id, { content: 'And my refund?' }), other]);
    if (turn.kind !== 'answer') throw new Error(`expected an answer turn, got ${turn.kind}`);
    expect(turn.history).toEqual([{ role: 'user', content: 'asked in another tab' }]);
    expect((await rowsOf(conversation.id)).conversation.message_count).toBe(2);
  });

  it('reads the conversation as Drizzle would (the locking read maps raw rows itself)', async () => {
    const created = await createConversation(ctx, { agentId, metadata: { plan: 'gold', tags: ['a', "b'c"] } });
    await withTenant(ctx, (tx) =>
      tx.query("UPDATE conversations SET assigned_at = now() - interval '1 hour', title = 'It''s me' WHERE id = $1", [
        created.id,
      ]),
    );
    const viaDrizzle = await withTenant(
      ctx,
      async (tx) => (await tx.db.select().from(conversations).where(eq(conversations.id, created.id)))[0]!,
    );
    const turn = await beginTurn(ctx, created.id, { content: 'Hello?' });
    expect(turn.conversation).toEqual(viaDrizzle);
    expect(turn.conversation.assignedAt).toBeInstanceOf(Date);
  });

  it('answers 404 for a conversation of another workspace, and an id that is not one, without writing', async () => {
    const other = await testWorkspace(rt.current, 'begin-other');
    const otherCtx: ServiceContext = { ...ctx, tenantId: other.id };
    const theirs = await createConversation(otherCtx, {
      agentId: (await other.api.post('/api/v1/agents', { name: 'Theirs', answerMode: 'extractive' })).body.agent.id,
    });
    for (const id of [theirs.id, "x'); DELETE FROM messages; --"]) {
      await expect(beginTurn(ctx, id, { content: 'Let me in' })).rejects.toMatchObject({ status: 404 });
    }
    expect((await rowsOf(theirs.id)).messages).toEqual([]);
    expect(
      await withTenant(
        otherCtx,
        async (tx) =>
          (await tx.query('SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1', [theirs.id])).rows[0]!
            .n,
      ),
    ).toBe(0);
  });
});
