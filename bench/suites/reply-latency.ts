import { percentile, type BenchResult, type DbMode } from '../lib';
import { api, type BenchServer } from './fanout-server';
import { openFleet } from './fanout-streams';

const PASSWORD = 'correct horse battery staple';
const ROUNDS = 30;

/** A member, a workspace, an API key for the visitor side and an agent, on a fresh server (first-run setup). */
export async function setUpWorkspace(base: string) {
  try {
    await api(base, '/api/v1/setup', {
      method: 'POST',
      json: { name: 'Bench', email: 'bench@example.test', password: PASSWORD },
    });
  } catch {
    /* a second server on the same database: already set up */
  }
  const { cookie } = await api(base, '/api/auth/sign-in/email', {
    method: 'POST',
    json: { email: 'bench@example.test', password: PASSWORD },
  });
  const workspace = (await api(base, '/api/v1/workspaces', { method: 'POST', json: { name: 'Bench' }, cookie })).body
    .workspace.id as string;
  const key = (
    await api(base, '/api/v1/api-keys', {
      method: 'POST',
      json: { name: 'bench', scopes: ['read', 'write'] },
      cookie,
      workspace,
    })
  ).body.secret as string;
  const agentId = (await api(base, '/api/v1/agents', { method: 'POST', json: { name: 'Bench' }, key })).body.agent
    .id as string;
  return { key, agentId, member: { cookie, workspace } };
}

/**
 * The inbox's promise to a visitor: a takeover and a human reply on server A reach the
 * visitor's stream on server B (through PostgreSQL's outbox and Redis), measured from the
 * request on A to the frame on B, one visitor at a time.
 */
export async function measureReplyLatency(a: BenchServer, b: BenchServer, mode: DbMode): Promise<BenchResult> {
  const { key, agentId, member } = await setUpWorkspace(a.base);
  const takeover: number[] = [];
  const reply: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = (await api(b.base, '/api/v1/conversations', { method: 'POST', json: { agentId }, key })).body
      .conversation.id as string;
    const visitor = await openFleet(
      `${b.base}/api/v1/conversations/${id}/events`,
      { authorization: `Bearer ${key}` },
      1,
    );
    try {
      const joined = visitor.arrival('"status":"human"', performance.now());
      await api(a.base, `/api/v1/inbox/conversations/${id}/takeover`, { method: 'POST', json: {}, ...member });
      takeover.push((await joined).lastMs);
      const marker = `latency-${round}`;
      const answered = visitor.arrival(marker, performance.now());
      await api(a.base, `/api/v1/inbox/conversations/${id}/messages`, {
        method: 'POST',
        json: { content: marker },
        ...member,
      });
      reply.push((await answered).lastMs);
    } finally {
      visitor.close();
    }
  }
  const stat = (values: number[], p: number) =>
    Math.round(
      percentile(
        [...values].sort((x, y) => x - y),
        p,
      ) * 10,
    ) / 10;
  return {
    suite: 'fanout',
    name:
      a === b
        ? 'takeover and human reply to the visitor, one server'
        : 'takeover and human reply on server A to the visitor on server B',
    mode,
    metrics: {
      takeoverP50Ms: stat(takeover, 50),
      takeoverP95Ms: stat(takeover, 95),
      replyP50Ms: stat(reply, 50),
      replyP95Ms: stat(reply, 95),
    },
    budget: 'reply ≤ 1 s',
    withinBudget: stat(reply, 95) <= 1000,
    note: `${ROUNDS} conversations; from the member's request to the visitor's frame${a === b ? '' : ' (PostgreSQL + Redis)'}`,
  };
}
