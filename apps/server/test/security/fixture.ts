import { makeSuperAdmin, provisionUser } from '../../src/modules/accounts';
import { ROLES } from '../../src/modules/access';
import { createConversation } from '../../src/modules/chat';
import { createQaPair, createSource, listOpenGaps, recordGap } from '../../src/modules/knowledge';
import { captureLead } from '../../src/modules/leads';
import { withPlatform } from '../../src/platform/tenancy';
import { PASSWORD, signedInUser, TestClient, uniqueEmail } from '../support/client';
import type { TestRuntime } from '../support/runtime';
import type { SecurityFixture, TenantFixture } from './route-cases';

/** A workspace with a signed-in person in every role, a read key, a read/write key, an agent and an unanswered question. */
export async function tenantFixture(rt: TestRuntime, label: string): Promise<TenantFixture> {
  const owner = await signedInUser(rt, `${label}-owner`);
  const { body } = await owner.client.post('/api/v1/workspaces', { name: `${label} workspace` });
  const id = body.workspace.id as string;
  const users = { owner: { client: owner.client, userId: owner.userId, email: owner.email } } as TenantFixture['users'];
  for (const role of ROLES.filter((r) => r !== 'owner')) {
    const person = await signedInUser(rt, `${label}-${role}`);
    await withPlatform((tx) =>
      tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [id, person.userId, role]),
    );
    users[role] = { client: person.client, userId: person.userId, email: person.email };
  }
  owner.client.workspaceId = id;
  const readKey = (await owner.client.post('/api/v1/api-keys', { name: 'read', scopes: ['read'] })).body.secret;
  const writeKey = (await owner.client.post('/api/v1/api-keys', { name: 'write', scopes: ['read', 'write'] })).body
    .secret;
  const agent = await owner.client.post('/api/v1/agents', { name: `${label} agent` });
  owner.client.workspaceId = null;
  const agentId = agent.body.agent.id as string;
  const ownerCtx = {
    tenantId: id,
    actor: { type: 'user' as const, userId: owner.userId, email: owner.email, role: 'owner' as const },
    requestId: 'security-cases',
  };
  const conversation = await createConversation(ownerCtx, { agentId, channel: 'api' });
  const question = `Where is the ${label} marker lighthouse?`;
  await recordGap(ownerCtx, { agentId, question, conversationId: conversation.id });
  const gap = (await listOpenGaps(ownerCtx)).find((g) => g.question === question)!;
  return { id, users, readKey, writeKey, agentId, gapId: gap.id };
}

/**
 * Tenant A's second agent, answering from one source of its own, and a read/write key limited
 * to it. A's first agent answers from every source; what belongs to it (its id, a source, a
 * Q&A pair, an unanswered question, a lead) is marked, and no answer to the limited key may
 * hold a mark.
 */
async function limitedFixture(a: TenantFixture): Promise<SecurityFixture['limited']> {
  const owner = a.users.owner;
  const ctx = {
    tenantId: a.id,
    actor: { type: 'user' as const, userId: owner.userId, email: owner.email, role: 'owner' as const },
    requestId: 'security-cases',
  };
  const own = await createSource(ctx, {
    kind: 'text',
    title: 'Limited agent notes',
    text: 'Parking is free for visitors of the limited agent.',
  });
  const hidden = await createSource(ctx, {
    kind: 'text',
    title: 'Marker source kestrel',
    text: 'Opening hours of the marker kestrel shop: nine to five.',
  });
  const pair = await createQaPair(ctx, { question: 'What is the marker osprey code?', answer: 'Osprey-42.' });
  const conversation = await createConversation(ctx, { agentId: a.agentId, channel: 'api' });
  await captureLead(
    ctx,
    { name: 'Marker Heron', email: 'marker-heron@example.test' },
    { conversationId: conversation.id, agentId: a.agentId, source: 'agent' },
  );
  owner.client.workspaceId = a.id;
  const agent = await owner.client.post('/api/v1/agents', {
    name: 'Limited agent',
    knowledge: { sourceIds: [own.id] },
  });
  const key = await owner.client.post('/api/v1/api-keys', {
    name: 'limited',
    scopes: ['read', 'write'],
    agentIds: [agent.body.agent.id],
  });
  owner.client.workspaceId = null;
  const gap = (await listOpenGaps(ctx)).find((g) => g.id === a.gapId)!;
  return {
    key: key.body.secret,
    agentId: agent.body.agent.id,
    sourceId: own.id,
    markers: [
      a.agentId,
      conversation.id,
      hidden.id,
      'kestrel',
      pair.id,
      'osprey',
      gap.id,
      'lighthouse',
      'marker-heron',
    ],
  };
}

/** Two workspaces (A acts, B is the other tenant), a signed-in platform administrator and A's agent-limited key. */
export async function securityFixture(rt: TestRuntime): Promise<SecurityFixture> {
  const a = await tenantFixture(rt, 'a');
  const b = await tenantFixture(rt, 'b');
  const adminEmail = uniqueEmail('root');
  const { id } = await provisionUser({ email: adminEmail, name: 'Root', password: PASSWORD });
  await makeSuperAdmin(id);
  const admin = new TestClient(rt);
  await admin.signIn(adminEmail, PASSWORD);
  return { a, b, admin, limited: await limitedFixture(a) };
}
