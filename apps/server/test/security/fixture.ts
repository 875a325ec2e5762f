import { makeSuperAdmin, provisionUser } from '../../src/modules/accounts';
import { ROLES } from '../../src/modules/access';
import { withPlatform } from '../../src/platform/tenancy';
import { PASSWORD, signedInUser, TestClient, uniqueEmail } from '../support/client';
import type { TestRuntime } from '../support/runtime';
import type { SecurityFixture, TenantFixture } from './route-cases';

/** A workspace with a signed-in person in every role, a read key, a read/write key and an agent. */
export async function tenantFixture(rt: TestRuntime, label: string): Promise<TenantFixture> {
  const owner = await signedInUser(rt, `${label}-owner`);
  const { body } = await owner.client.post('/api/v1/workspaces', { name: `${label} workspace` });
  const id = body.workspace.id as string;
  const users = { owner: { client: owner.client, userId: owner.userId, email: owner.email } } as TenantFixture['users'];
  for (const role of ROLES.filter((r) => r !== 'owner')) {
    const person = await signedInUser(rt, `${label}-${role}`);
    await withPlatform((tx) => tx.query('INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3)', [id, person.userId, role]));
    users[role] = { client: person.client, userId: person.userId, email: person.email };
  }
  owner.client.workspaceId = id;
  const readKey = (await owner.client.post('/api/v1/api-keys', { name: 'read', scopes: ['read'] })).body.secret;
  const writeKey = (await owner.client.post('/api/v1/api-keys', { name: 'write', scopes: ['read', 'write'] })).body.secret;
  const agent = await owner.client.post('/api/v1/agents', { name: `${label} agent` });
  owner.client.workspaceId = null;
  return { id, users, readKey, writeKey, agentId: agent.body.agent.id };
}

/** Two workspaces (A acts, B is the other tenant) and a signed-in platform administrator. */
export async function securityFixture(rt: TestRuntime): Promise<SecurityFixture> {
  const a = await tenantFixture(rt, 'a');
  const b = await tenantFixture(rt, 'b');
  const adminEmail = uniqueEmail('root');
  const { id } = await provisionUser({ email: adminEmail, name: 'Root', password: PASSWORD });
  await makeSuperAdmin(id);
  const admin = new TestClient(rt);
  await admin.signIn(adminEmail, PASSWORD);
  return { a, b, admin };
}
