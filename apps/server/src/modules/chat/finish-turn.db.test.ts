import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids';
import { withPlatform, withTenant, type ServiceContext } from '../../platform/tenancy';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';
import { createConversation } from './conversations';
import { messages } from './schema';
import { beginTurn } from './turn/begin-turn';
import { finishTurn } from './turn/finish-turn';
import type { TurnResult } from './turn/types';

/** The answer and its usage are stored together, once: a rollback or a second finish adds nothing. */
const rt = useTestRuntime();
let ctx: ServiceContext;
let agentId: string;

const result = (tokensIn: number): TurnResult => ({
  content: `Answer with ${tokensIn} tokens in`,
  status: 'complete',
  citations: [],
  toolCalls: [],
  usage: { tokensIn, tokensOut: 7, costUsd: 0.0001, unpriced: false },
  model: 'openai:gpt-4o-mini',
  error: null,
  firstTokenMs: 5,
  handoff: null,
  offerHuman: false,
});

async function usageOf(): Promise<Array<{ messages: number; tokensIn: number; costUsd: number }>> {
  const { rows } = await withTenant(ctx, (tx) =>
    tx.query('SELECT messages, tokens_in, cost_usd FROM usage_monthly WHERE agent_id = $1', [agentId]),
  );
  return rows.map((r: any) => ({
    messages: Number(r.messages),
    tokensIn: Number(r.tokens_in),
    costUsd: Number(r.cost_usd),
  }));
}

beforeAll(async () => {
  const ws = await testWorkspace(rt.current, 'finish');
  ctx = {
    tenantId: ws.id,
    actor: { type: 'user', userId: ws.ownerId, email: 'owner@example.test', role: 'owner' },
    requestId: 'finish-turn-test',
  };
  agentId = (await ws.api.post('/api/v1/agents', { name: 'Finisher', answerMode: 'extractive' })).body.agent.id;
});

async function claimedTurn() {
  const conversation = await createConversation(ctx, { agentId });
  const turn = await beginTurn(ctx, conversation.id, { content: 'Hello? Are you open on Sundays?' });
  if (turn.kind !== 'answer') throw new Error(`expected an answer turn, got ${turn.kind}`);
  return {
    conversationId: conversation.id,
    agentId,
    claimId: turn.claim.id,
    startedAt: performance.now(),
    unansweredLimit: 0,
  };
}

describe('finishTurn', () => {
  it('leaves neither the answer nor its usage when its transaction rolls back', async () => {
    const turn = await claimedTurn();
    await expect(
      withTenant(ctx, async () => {
        await finishTurn(ctx, turn, result(100));
        throw new Error('the caller failed after finishing');
      }),
    ).rejects.toThrow('the caller failed');
    const claim = await withTenant(
      ctx,
      async (tx) =>
        (
          await tx.query<{ status: string; tokens_in: number }>(
            'SELECT status, tokens_in FROM messages WHERE id = $1',
            [turn.claimId],
          )
        ).rows[0],
    );
    expect(claim).toEqual({ status: 'streaming', tokens_in: 0 });
    expect(await usageOf()).toEqual([]);

    // Finishing again afterwards counts it, once.
    await finishTurn(ctx, turn, result(100));
    expect(await usageOf()).toEqual([{ messages: 1, tokensIn: 100, costUsd: 0.0001 }]);
  });

  it('finishes a claimed answer once: a second finish changes nothing and counts nothing', async () => {
    const turn = await claimedTurn();
    const before = (await usageOf())[0]!;
    const { message: first } = await finishTurn(ctx, turn, result(40));
    const { message: second, handoff } = await finishTurn(ctx, turn, result(999));
    expect(handoff).toBeNull();
    expect(second).toMatchObject({ id: first.id, tokensIn: 40, content: first.content });
    const after = (await usageOf())[0]!;
    expect([after.messages - before.messages, after.tokensIn - before.tokensIn]).toEqual([1, 40]);
  });

  it('marks an answer whose process died as interrupted when the next answer finishes, never one a live process writes', async () => {
    const crashed = await claimedTurn();
    const statusOf = async (id: string) =>
      withTenant(
        ctx,
        async (tx) =>
          (
            await tx.query<{ status: string; error: string | null }>(
              'SELECT status, error FROM messages WHERE id = $1',
              [id],
            )
          ).rows[0],
      );
    const finishNext = async (content: string) => {
      const next = await beginTurn(ctx, crashed.conversationId, { content });
      if (next.kind !== 'answer') throw new Error(`expected an answer turn, got ${next.kind}`);
      await finishTurn(ctx, { ...crashed, claimId: next.claim.id }, result(3));
      return next;
    };
    // The next turn (no Idempotency-Key) starts while the first one is still "streaming".
    const next = await finishNext('Are you there?');
    // The visitor's earlier question is in the history the model gets; the empty claim is not.
    expect(next.history).toEqual([{ role: 'user', content: 'Hello? Are you open on Sundays?' }]);
    // This process claimed it: it may still be answering, so it is left alone, however old.
    await withTenant(ctx, (tx) =>
      tx.query("UPDATE messages SET created_at = now() - interval '1 hour' WHERE id = $1", [crashed.claimId]),
    );
    expect(await statusOf(crashed.claimId)).toEqual({ status: 'streaming', error: null });

    // Another server writes it and beats: left alone.
    const other = newId('proc');
    await withPlatform((tx) =>
      tx.query('INSERT INTO server_processes (id, host, pid) VALUES ($1, $2, 1)', [other, 'elsewhere']),
    );
    await withTenant(ctx, (tx) =>
      tx.query('UPDATE messages SET answered_by = $2 WHERE id = $1', [crashed.claimId, other]),
    );
    await finishNext('Hello again, is shipping free?');
    expect(await statusOf(crashed.claimId)).toEqual({ status: 'streaming', error: null });

    // That server stopped beating (killed): the next answer to finish marks it.
    await withPlatform((tx) =>
      tx.query("UPDATE server_processes SET beat_at = now() - interval '1 minute' WHERE id = $1", [other]),
    );
    const last = await finishNext('Anyone?');
    expect(await statusOf(crashed.claimId)).toEqual({
      status: 'interrupted',
      error: 'The answer was cut off (the server stopped).',
    });
    expect(await statusOf(last.claim.id)).toEqual({ status: 'complete', error: null });
  });

  it('returns the stored answer as Drizzle reads it (its row comes back raw, with BEGIN)', async () => {
    const turn = await claimedTurn();
    const citation = {
      n: 1,
      sourceId: 'src_x',
      chunkId: 'chk_x',
      title: "It's \\ here",
      kind: 'text',
      url: null,
      page: null,
      snippet: 'a "quote"',
    };
    const { message } = await finishTurn(ctx, turn, {
      ...result(12),
      citations: [citation as never],
      toolCalls: [{ id: 't1', name: 'search_knowledge', input: { q: 'x' }, output: ['y'] }],
      error: null,
    });
    const viaDrizzle = await withTenant(
      ctx,
      async (tx) => (await tx.db.select().from(messages).where(eq(messages.id, turn.claimId)))[0]!,
    );
    expect(message).toEqual(viaDrizzle);
    expect(message).toMatchObject({
      costUsd: 0.0001,
      tokensIn: 12,
      latencyMs: expect.any(Number),
      citations: [citation],
    });
    expect(message.createdAt).toBeInstanceOf(Date);
  });
});
