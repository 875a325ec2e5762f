import { randomToken } from '../../src/modules/accounts';
import { createApiKey } from '../../src/modules/accounts';
import { inviteMember } from '../../src/modules/team';
import { createConversation } from '../../src/modules/chat';
import { createQaPair, createSource, getSource } from '../../src/modules/knowledge';
import { createCredential } from '../../src/modules/providers';
import type { MemberRole } from '../../src/platform/tenancy';
import type { TestClient } from '../support/client';

export interface TenantFixture {
  id: string;
  agentId: string;
  users: Record<MemberRole, { client: TestClient; userId: string; email: string }>;
  readKey: string;
  writeKey: string;
}

export interface SecurityFixture {
  a: TenantFixture;
  b: TenantFixture;
  admin: TestClient;
}

/**
 * What the generator needs to call a route: path parameters naming a resource of the given
 * tenant, a body the route would accept, a query it would refuse. A route with parameters,
 * a body or a query and no entry here fails the suite: add its case with the route.
 */
export interface RouteCase {
  params?: (tenant: TenantFixture, f: SecurityFixture) => Promise<Record<string, string>>;
  body?: (tenant: TenantFixture, f: SecurityFixture) => unknown;
  /** A query the route's schema refuses (→ 400). */
  badQuery?: string;
}

const ownerCtx = (tenant: TenantFixture) => ({
  tenantId: tenant.id,
  actor: { type: 'user' as const, userId: tenant.users.owner.userId, email: tenant.users.owner.email, role: 'owner' as const },
  requestId: 'security-cases',
});

let sequence = 0;
const apiKeyOf = async (tenant: TenantFixture) => ({ id: (await createApiKey(ownerCtx(tenant), { name: `case ${sequence++}`, scopes: ['read'] })).apiKey.id });
const invitationOf = async (tenant: TenantFixture) => ({
  id: (await inviteMember(ownerCtx(tenant), { email: `case-${Date.now()}-${sequence++}@example.test`, role: 'viewer' })).id,
});
const viewerOf = async (tenant: TenantFixture) => ({ userId: tenant.users.viewer.userId });
const tokenOf = async (tenant: TenantFixture) => ({ token: `inv_${randomToken(32)}_${tenant.id.slice(4)}` });
const tenantOf = async (tenant: TenantFixture) => ({ id: tenant.id });
const agentOf = async (tenant: TenantFixture) => ({ id: tenant.agentId });
const conversationOf = async (tenant: TenantFixture) => ({
  id: (await createConversation(ownerCtx(tenant), { agentId: tenant.agentId, channel: 'api' })).id,
});
const credentialOf = async (tenant: TenantFixture) => ({
  id: (await createCredential(ownerCtx(tenant), { provider: 'openai', label: `case ${sequence++}`, apiKey: 'sk-case-key' })).id,
});
const qaOf = async (tenant: TenantFixture) => ({ id: (await createQaPair(ownerCtx(tenant), { question: `Case ${sequence++}?`, answer: 'Yes.' })).id });
/** A text source whose ingestion has finished, so that nothing of it changes during the cases. */
const sourceOf = async (tenant: TenantFixture) => {
  const { id } = await createSource(ownerCtx(tenant), { kind: 'text', title: `Case ${sequence++}`, text: 'Case text about opening hours.' });
  for (let i = 0; i < 200; i++) {
    const source = await getSource(ownerCtx(tenant), id);
    if (source.status === 'ready' || source.status === 'failed') return { id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`source ${id} was not ingested in time`);
};

export const ROUTE_CASES: Record<string, RouteCase> = {
  'POST /api/v1/setup': { body: () => ({ name: 'Root', email: 'root@example.test', password: 'a long enough password' }) },
  'POST /api/v1/workspaces': { body: () => ({ name: 'Another' }) },
  'PATCH /api/v1/workspace': { body: () => ({ name: 'Renamed' }) },
  'DELETE /api/v1/workspace': { body: () => ({ confirm: 'not the name' }) },
  'PATCH /api/v1/members/{userId}': { params: viewerOf, body: () => ({ role: 'agent' }) },
  'DELETE /api/v1/members/{userId}': { params: viewerOf },
  'POST /api/v1/members/transfer-ownership': { body: (t) => ({ userId: t.users.viewer.userId }) },
  'POST /api/v1/invitations': { body: () => ({ email: `invitee-${sequence++}@example.test`, role: 'viewer' }) },
  'POST /api/v1/invitations/{id}/resend': { params: invitationOf },
  'DELETE /api/v1/invitations/{id}': { params: invitationOf },
  'GET /api/v1/invitation-tokens/{token}': { params: tokenOf },
  'POST /api/v1/invitation-tokens/{token}/accept': { params: tokenOf },
  'POST /api/v1/invitation-tokens/{token}/decline': { params: tokenOf },
  'POST /api/v1/api-keys': { body: () => ({ name: 'case', scopes: ['read'] }) },
  'DELETE /api/v1/api-keys/{id}': { params: apiKeyOf },
  'GET /api/v1/audit-log': { badQuery: 'limit=many' },
  'GET /api/admin/tenants': { badQuery: 'status=sleeping' },
  'GET /api/admin/tenants/{id}': { params: tenantOf },
  'POST /api/admin/tenants/{id}/suspend': { params: tenantOf, body: () => ({ reason: 'case' }) },
  'POST /api/admin/tenants/{id}/unsuspend': { params: tenantOf, body: () => ({}) },
  'POST /api/admin/impersonate': { body: (t) => ({ userId: t.users.viewer.userId }) },
  'GET /api/admin/security-log': { badQuery: 'limit=0' },
  'DELETE /api/v1/me/sessions/{id}': { params: async () => ({ id: 'ses_00000000000000000000000000' }) },
  'POST /api/v1/agents': { body: () => ({ name: 'Case agent' }) },
  'GET /api/v1/agents/{id}': { params: agentOf },
  'PATCH /api/v1/agents/{id}': { params: agentOf, body: () => ({ instructions: 'Be brief.' }) },
  'POST /api/v1/agents/{id}/publish': { params: agentOf, body: () => ({ note: 'case' }) },
  'POST /api/v1/agents/{id}/rollback': { params: agentOf, body: () => ({ version: 1 }) },
  'POST /api/v1/agents/{id}/status': { params: agentOf, body: () => ({ status: 'paused' }) },
  'GET /api/v1/agents/{id}/versions': { params: agentOf },
  'GET /api/v1/agents/{id}/versions/{version}': { params: async (t) => ({ id: t.agentId, version: '1' }) },
  'POST /api/v1/provider-keys': { body: () => ({ provider: 'openai', label: 'Case', apiKey: 'sk-case' }) },
  'PATCH /api/v1/provider-keys/{id}': { params: credentialOf, body: () => ({ label: 'Renamed' }) },
  'DELETE /api/v1/provider-keys/{id}': { params: credentialOf },
  'POST /api/v1/provider-keys/{id}/test': { params: credentialOf, body: () => ({}) },
  'POST /api/v1/knowledge/search': { body: () => ({ query: 'opening hours' }) },
  'POST /api/v1/knowledge/qa': { body: () => ({ question: 'Case question?', answer: 'Case answer.' }) },
  'PUT /api/v1/knowledge/qa/{id}': { params: qaOf, body: () => ({ question: 'Edited?', answer: 'Edited.' }) },
  'DELETE /api/v1/knowledge/qa/{id}': { params: qaOf },
  'GET /api/v1/knowledge/sources/{id}': { params: sourceOf },
  'POST /api/v1/knowledge/sources': { body: () => ({ kind: 'text', title: 'Case', text: 'Case text.' }) },
  // Multipart only: the generator's JSON bodies (malformed or not) must answer 400 there.
  'POST /api/v1/knowledge/sources/upload': { body: () => ({ file: 'not a file' }) },
  'PATCH /api/v1/knowledge/sources/{id}': { params: sourceOf, body: () => ({ title: 'Renamed' }) },
  'POST /api/v1/knowledge/sources/{id}/retry': { params: sourceOf },
  'POST /api/v1/knowledge/sources/{id}/sync': { params: sourceOf },
  'DELETE /api/v1/knowledge/sources/{id}': { params: sourceOf },
  'POST /api/v1/knowledge/gaps/answer': { body: () => ({ gapIds: ['gap_00000000000000000000000000'], question: 'Case question?', answer: 'Case answer.' }) },
  'POST /api/v1/knowledge/gaps/dismiss': { body: () => ({ gapIds: ['gap_00000000000000000000000000'] }) },
  'GET /api/v1/conversations': { badQuery: 'limit=0' },
  'POST /api/v1/conversations': { body: (t) => ({ agentId: t.agentId, channel: 'api' }) },
  'GET /api/v1/conversations/{id}': { params: conversationOf },
  'GET /api/v1/conversations/{id}/messages': { params: conversationOf, badQuery: 'limit=0' },
  'POST /api/v1/conversations/{id}/messages': { params: conversationOf, body: () => ({ content: 'Hello?' }) },
  'GET /api/v1/usage': { badQuery: 'from=2026-13' },
  'POST /api/v1/openai/chat/completions': { body: (t) => ({ model: t.agentId, messages: [{ role: 'user', content: 'Hello?' }] }) },
  'GET /api/v1/openai/models/{id}': { params: agentOf },
};
