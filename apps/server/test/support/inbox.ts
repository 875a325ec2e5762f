import { withPlatform, type MemberRole } from '../../src/platform/tenancy';
import { signedInUser, type TestClient } from './client';
import type { TestRuntime } from './runtime';
import { testWorkspace, type TestWorkspace } from './workspace';

export interface Member {
  client: TestClient;
  userId: string;
  email: string;
}

export interface InboxWorkspace extends TestWorkspace {
  agentId: string;
  /** Signed-in members pointed at the workspace, by name. */
  members: Record<string, Member>;
  /** A visitor's conversation (driven through the API key, as an integration would). */
  conversation(metadata?: Record<string, unknown>, channel?: string): Promise<string>;
}

/**
 * A workspace with an agent that knows a few answers, and signed-in members with the given
 * roles (added straight to the membership table, as the security suite does).
 */
export async function inboxWorkspace(
  rt: TestRuntime,
  label: string,
  roles: Record<string, MemberRole> = { ana: 'agent', ben: 'agent', vic: 'viewer' },
): Promise<InboxWorkspace> {
  const ws = await testWorkspace(rt, label);
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'What are your opening hours?',
    answer: 'We are open 9:00–17:00, Monday to Friday.',
  });
  await ws.api.post('/api/v1/knowledge/qa', {
    question: 'How do I return an item?',
    answer: 'You can return any item within 30 days for a full refund.',
  });
  const agentId = (await ws.api.post('/api/v1/agents', { name: 'Helper' })).body.agent.id as string;
  const members: Record<string, Member> = { owner: { client: ws.owner, userId: ws.ownerId, email: '' } };
  for (const [name, role] of Object.entries(roles)) {
    const person = await signedInUser(rt, `${label}-${name}`);
    await withPlatform((tx) =>
      tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [ws.id, person.userId, role]),
    );
    person.client.workspaceId = ws.id;
    members[name] = person;
  }
  return {
    ...ws,
    agentId,
    members,
    async conversation(metadata = {}, channel = 'api') {
      const res = await ws.api.post('/api/v1/conversations', { agentId, channel, metadata });
      if (res.status !== 201) throw new Error(`conversation: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.conversation.id as string;
    },
  };
}

/** Polls until `check` returns a value (a job or an event that takes its time). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
