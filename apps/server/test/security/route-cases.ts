import { randomToken } from '../../src/modules/accounts';
import { createApiKey } from '../../src/modules/accounts';
import { inviteMember } from '../../src/modules/team';
import { createConversation, runTurn } from '../../src/modules/chat';
import { addEvaluationCase, getEvaluationRun, startEvaluationRun } from '../../src/modules/evaluations';
import { rateAnswer } from '../../src/modules/feedback';
import { createCannedResponse } from '../../src/modules/inbox';
import { createQaPair, createSource, getSource } from '../../src/modules/knowledge';
import { createCredential } from '../../src/modules/providers';
import { captureLead } from '../../src/modules/leads';
import { addAttachment, ensureWidget } from '../../src/modules/widget';
import { newId } from '../../src/platform/ids';
import type { MemberRole } from '../../src/platform/tenancy';
import type { TestClient } from '../support/client';
import { BILLING_ROUTE_CASES } from './route-cases-billing';
import { INTEGRATION_ROUTE_CASES } from './route-cases-integrations';
import { ownerCtx } from './owner-context';
import { REPORT_ROUTE_CASES } from './route-cases-reports';
import { PLAN_ROUTE_CASES } from './plan-cases';

export interface TenantFixture {
  id: string;
  agentId: string;
  /** An unanswered question of the tenant's agent. */
  gapId: string;
  users: Record<MemberRole, { client: TestClient; userId: string; email: string }>;
  readKey: string;
  writeKey: string;
}

export interface SecurityFixture {
  a: TenantFixture;
  b: TenantFixture;
  admin: TestClient;
  /** A read/write key of tenant A limited to another agent of A, and what it must never see. */
  limited: { key: string; agentId: string; sourceId: string; markers: string[] };
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
  /**
   * What an API key limited to another agent gets when it calls the route with these
   * parameters and body (which name the tenant's own agent, its resources, or workspace-wide
   * knowledge). Derived when absent: see limitedKeyExpectation.
   */
  limitedKey?: number;
}

/**
 * The status a key limited to another agent must get: 403 where its scope has no such
 * permission, 404 for a resource of an agent outside it, 200 for a list (whose answer must
 * hold nothing outside it); anything else is declared in the route's case.
 */
export function limitedKeyExpectation(
  routeKey: string,
  scope: 'read' | 'write' | 'manage' | undefined,
  routeCase: RouteCase,
): number | undefined {
  if (scope === 'manage') return 403;
  if (routeCase.limitedKey !== undefined) return routeCase.limitedKey;
  if (routeCase.params) return 404;
  if (routeKey.startsWith('GET ')) return 200;
  return undefined;
}

let sequence = 0;
const apiKeyOf = async (tenant: TenantFixture) => ({
  id: (await createApiKey(ownerCtx(tenant), { name: `case ${sequence++}`, scopes: ['read'] })).apiKey.id,
});
const invitationOf = async (tenant: TenantFixture) => ({
  id: (await inviteMember(ownerCtx(tenant), { email: `case-${Date.now()}-${sequence++}@example.test`, role: 'viewer' }))
    .id,
});
const viewerOf = async (tenant: TenantFixture) => ({ userId: tenant.users.viewer.userId });
const tokenOf = async (tenant: TenantFixture) => ({ token: `inv_${randomToken(32)}_${tenant.id.slice(4)}` });
const tenantOf = async (tenant: TenantFixture) => ({ id: tenant.id });
const agentOf = async (tenant: TenantFixture) => ({ id: tenant.agentId });
const conversationOf = async (tenant: TenantFixture) => ({
  id: (await createConversation(ownerCtx(tenant), { agentId: tenant.agentId, channel: 'api' })).id,
});
/** A lead of the tenant's agent, captured in a conversation of its own. */
const leadOf = async (tenant: TenantFixture) => {
  const conversation = await createConversation(ownerCtx(tenant), { agentId: tenant.agentId, channel: 'api' });
  const lead = await captureLead(
    ownerCtx(tenant),
    { name: `Case ${sequence++}`, email: `lead-${sequence}@example.test` },
    { conversationId: conversation.id, agentId: tenant.agentId, source: 'agent' },
  );
  return { id: lead.id };
};
const credentialOf = async (tenant: TenantFixture) => ({
  id: (
    await createCredential(ownerCtx(tenant), { provider: 'openai', label: `case ${sequence++}`, apiKey: 'sk-case-key' })
  ).id,
});
const cannedOf = async (tenant: TenantFixture) => ({
  id: (
    await createCannedResponse(ownerCtx(tenant), {
      shortcut: `case-${sequence++}`,
      title: 'Case',
      content: 'Case reply.',
    })
  ).id,
});
const qaOf = async (tenant: TenantFixture) => ({
  id: (await createQaPair(ownerCtx(tenant), { question: `Case ${sequence++}?`, answer: 'Yes.' })).id,
});
/** A text source whose ingestion has finished, so that nothing of it changes during the cases. */
const sourceOf = async (tenant: TenantFixture) => {
  const { id } = await createSource(ownerCtx(tenant), {
    kind: 'text',
    title: `Case ${sequence++}`,
    text: 'Case text about opening hours.',
  });
  for (let i = 0; i < 200; i++) {
    const source = await getSource(ownerCtx(tenant), id);
    if (source.status === 'ready' || source.status === 'failed') return { id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`source ${id} was not ingested in time`);
};

/** The tenant's agent with its widget set up. */
const widgetOf = async (tenant: TenantFixture) => {
  await ensureWidget(ownerCtx(tenant), { agentId: tenant.agentId });
  return { agentId: tenant.agentId };
};
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);
/** A visitor's conversation with one attachment (written as the widget's upload would store it). */
const attachmentOf = async (tenant: TenantFixture) => {
  const visitorCtx = {
    tenantId: tenant.id,
    actor: { type: 'visitor' as const, visitorId: newId('vis') },
    requestId: 'security-cases',
  };
  const conversation = await createConversation(visitorCtx, {
    agentId: tenant.agentId,
    channel: 'widget',
    visitorId: visitorCtx.actor.visitorId,
  });
  const row = await addAttachment(
    visitorCtx,
    conversation.id,
    { bytes: PNG, name: 'dot.png' },
    { enabled: true, images: true, files: true, maxBytes: 1 << 20, hardLimitBytes: 1 << 20 },
  );
  return { id: conversation.id, attachmentId: row.id };
};

/** A bot answer in a conversation of the tenant's agent (extractive: no model is configured). */
const answerOf = async (tenant: TenantFixture) => {
  const conversation = await createConversation(ownerCtx(tenant), { agentId: tenant.agentId, channel: 'api' });
  let messageId: string | null = null;
  for await (const event of runTurn(
    ownerCtx(tenant),
    conversation.id,
    { content: `Case question ${sequence++}?` },
    new AbortController().signal,
  )) {
    if (event.event === 'done') messageId = event.data.messageId;
  }
  if (!messageId) throw new Error('the case turn gave no answer');
  return { id: conversation.id, messageId };
};
/** An answer rated down: an item of the review queue. */
const reviewItemOf = async (tenant: TenantFixture) => {
  const answer = await answerOf(tenant);
  await rateAnswer(ownerCtx(tenant), answer.id, answer.messageId, { rating: 'down' });
  return { id: answer.messageId };
};
const evaluationCaseOf = async (tenant: TenantFixture) => ({
  id: tenant.agentId,
  caseId: (
    await addEvaluationCase(ownerCtx(tenant), tenant.agentId, { question: `Case ${sequence++}?`, facts: ['case'] })
  ).id,
});
/** The tenant's agent with a question in its evaluation set (a run needs one). */
const evaluatedAgentOf = async (tenant: TenantFixture) => ({ id: (await evaluationCaseOf(tenant)).id });
/** A finished evaluation run (its job done, so that nothing of it changes during the cases). */
const evaluationRunOf = async (tenant: TenantFixture) => {
  await evaluationCaseOf(tenant);
  const run = await startEvaluationRun(ownerCtx(tenant), tenant.agentId);
  for (let i = 0; i < 200; i++) {
    const { status } = await getEvaluationRun(ownerCtx(tenant), tenant.agentId, run.id);
    if (status === 'done' || status === 'failed') return { id: tenant.agentId, runId: run.id };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`evaluation run ${run.id} did not finish in time`);
};

export const ROUTE_CASES: Record<string, RouteCase> = {
  'POST /api/v1/conversations/{id}/messages/{messageId}/feedback': {
    params: answerOf,
    body: () => ({ rating: 'down', comment: 'Case' }),
  },
  'GET /api/v1/conversations/{id}/feedback': { params: conversationOf },
  'GET /api/v1/reviews': { badQuery: 'kind=nope' },
  'POST /api/v1/reviews/{id}/correct': { params: reviewItemOf, body: () => ({ answer: 'The case answer.' }) },
  'POST /api/v1/reviews/{id}/resolve': { params: reviewItemOf, body: () => ({ status: 'dismissed' }) },
  'GET /api/v1/agents/{id}/evaluations': { params: agentOf },
  'POST /api/v1/agents/{id}/evaluations/cases': {
    params: agentOf,
    body: () => ({ question: 'Case question?', facts: ['case'] }),
  },
  'DELETE /api/v1/agents/{id}/evaluations/cases/{caseId}': { params: evaluationCaseOf },
  'PUT /api/v1/agents/{id}/evaluations/settings': { params: agentOf, body: () => ({ blockPublishBelow: null }) },
  'POST /api/v1/agents/{id}/evaluations/runs': { params: evaluatedAgentOf },
  'GET /api/v1/agents/{id}/evaluations/runs': { params: agentOf },
  'GET /api/v1/agents/{id}/evaluations/runs/{runId}': { params: evaluationRunOf },
  'POST /api/v1/setup': {
    body: () => ({ name: 'Root', email: 'root@example.test', password: 'a long enough password' }),
  },
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
  // A key limited to some agents would create one it could not reach.
  'POST /api/v1/agents': { body: () => ({ name: 'Case agent' }), limitedKey: 403 },
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
  // Searched within the limited key's sources only: the marker source (about opening hours too) never shows.
  'POST /api/v1/knowledge/search': { body: () => ({ query: 'opening hours' }), limitedKey: 200 },
  // The Q&A pairs serve the tenant's agent (it answers from every source), not the limited key's.
  'POST /api/v1/knowledge/qa': {
    body: () => ({ question: 'Case question?', answer: 'Case answer.' }),
    limitedKey: 403,
  },
  'PUT /api/v1/knowledge/qa/{id}': { params: qaOf, body: () => ({ question: 'Edited?', answer: 'Edited.' }) },
  'DELETE /api/v1/knowledge/qa/{id}': { params: qaOf },
  'GET /api/v1/knowledge/sources/{id}': { params: sourceOf },
  // The tenant's agent answers from every source: a new one would be shared with it.
  'POST /api/v1/knowledge/sources': {
    body: () => ({ kind: 'text', title: 'Case', text: 'Case text.' }),
    limitedKey: 403,
  },
  // Multipart only: the generator's JSON bodies (malformed or not) must answer 400 there; a limited key is refused before.
  'POST /api/v1/knowledge/sources/upload': { body: () => ({ file: 'not a file' }), limitedKey: 403 },
  'PATCH /api/v1/knowledge/sources/{id}': { params: sourceOf, body: () => ({ title: 'Renamed' }) },
  'POST /api/v1/knowledge/sources/{id}/retry': { params: sourceOf },
  'POST /api/v1/knowledge/sources/{id}/sync': { params: sourceOf },
  'DELETE /api/v1/knowledge/sources/{id}': { params: sourceOf },
  // The tenant agent's own question: absent to a key limited to another agent.
  'POST /api/v1/knowledge/gaps/answer': {
    body: (t) => ({ gapIds: [t.gapId], question: 'Case question?', answer: 'Case answer.' }),
    limitedKey: 404,
  },
  'POST /api/v1/knowledge/gaps/dismiss': { body: (t) => ({ gapIds: [t.gapId] }), limitedKey: 404 },
  'GET /api/v1/conversations': { badQuery: 'limit=0' },
  'POST /api/v1/conversations': { body: (t) => ({ agentId: t.agentId, channel: 'api' }), limitedKey: 404 },
  'GET /api/v1/conversations/{id}': { params: conversationOf },
  'GET /api/v1/conversations/{id}/messages': { params: conversationOf, badQuery: 'limit=0' },
  'GET /api/v1/conversations/{id}/events': { params: conversationOf, badQuery: 'after=not-a-message' },
  'POST /api/v1/conversations/{id}/messages': { params: conversationOf, body: () => ({ content: 'Hello?' }) },
  'GET /api/v1/leads': { badQuery: 'status=sleeping' },
  'GET /api/v1/leads/export': { badQuery: 'from=not-a-date' },
  'GET /api/v1/leads/{id}': { params: leadOf },
  'PATCH /api/v1/leads/{id}': { params: leadOf, body: () => ({ status: 'contacted' }) },
  'POST /api/v1/leads/{id}/notes': { params: leadOf, body: () => ({ text: 'Called back.' }) },
  'DELETE /api/v1/leads/{id}': { params: leadOf },
  'GET /api/v1/conversations/{id}/attachments/{attachmentId}': { params: attachmentOf },
  'POST /api/v1/widgets': { body: (t) => ({ agentId: t.agentId }) },
  'GET /api/v1/widgets/{agentId}': { params: widgetOf },
  'PATCH /api/v1/widgets/{agentId}': { params: widgetOf, body: () => ({ look: { primaryColor: '#0f766e' } }) },
  'POST /api/v1/widgets/{agentId}/rotate-key': { params: widgetOf },
  'POST /api/v1/conversations/{id}/handoff': { params: conversationOf, body: () => ({ reason: 'Case hand-off' }) },
  'POST /api/v1/conversations/{id}/typing': { params: conversationOf, body: () => ({ typing: true }) },
  // Every field has a default: an empty document is valid (and a wrong-shaped one too, its keys ignored).
  'PUT /api/v1/inbox/settings': { body: () => ({}) },
  'GET /api/v1/inbox/conversations': { badQuery: 'status=asleep' },
  'GET /api/v1/inbox/conversations/{id}': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/takeover': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/release': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/close': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/reopen': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/assign': {
    params: conversationOf,
    body: (t) => ({ userId: t.users.agent.userId }),
  },
  'POST /api/v1/inbox/conversations/{id}/messages': {
    params: conversationOf,
    body: () => ({ content: 'Hello from the team.' }),
  },
  'POST /api/v1/inbox/conversations/{id}/notes': { params: conversationOf, body: () => ({ content: 'A case note.' }) },
  // Channel conversations: the security cases use a conversation of no channel (templates: 409 there).
  'GET /api/v1/inbox/conversations/{id}/delivery': { params: conversationOf },
  'GET /api/v1/inbox/conversations/{id}/templates': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/template': {
    params: conversationOf,
    body: () => ({ name: 'order_update', language: 'en_US', parameters: ['Case'] }),
  },
  'POST /api/v1/inbox/conversations/{id}/typing': { params: conversationOf, body: () => ({ typing: true }) },
  // messageId is optional: an empty body marks everything read.
  'POST /api/v1/inbox/conversations/{id}/read': { params: conversationOf, body: () => ({}) },
  'POST /api/v1/inbox/conversations/{id}/draft': { params: conversationOf },
  'POST /api/v1/inbox/conversations/{id}/summary': { params: conversationOf },
  'POST /api/v1/inbox/presence': { body: () => ({ status: 'online' }) },
  'PATCH /api/v1/inbox/members/{userId}': { params: viewerOf, body: () => ({ onDuty: false }) },
  'POST /api/v1/inbox/canned-responses': {
    body: () => ({ shortcut: `case-${sequence++}`, title: 'Case', content: 'Case reply.' }),
  },
  'PATCH /api/v1/inbox/canned-responses/{id}': { params: cannedOf, body: () => ({ title: 'Renamed' }) },
  'DELETE /api/v1/inbox/canned-responses/{id}': { params: cannedOf },
  'GET /api/v1/usage': { badQuery: 'from=2026-13' },
  'GET /api/v1/analytics/summary': { badQuery: 'from=2026-05-02&to=2026-05-01' },
  'GET /api/v1/analytics/timeseries': { badQuery: 'interval=hour' },
  'GET /api/v1/analytics/handoffs': { badQuery: 'from=2026-02-30' },
  'GET /api/v1/analytics/questions': { badQuery: 'to=yesterday' },
  'POST /api/v1/openai/chat/completions': {
    body: (t) => ({ model: t.agentId, messages: [{ role: 'user', content: 'Hello?' }] }),
    limitedKey: 404,
  },
  'GET /api/v1/openai/models/{id}': { params: agentOf },
  ...INTEGRATION_ROUTE_CASES,
  ...BILLING_ROUTE_CASES,
  ...REPORT_ROUTE_CASES,
  ...PLAN_ROUTE_CASES,
};
