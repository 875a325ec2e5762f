import { createAction } from '../../src/modules/actions';
import { sealCredentials } from '../../src/modules/channels';
import { createMcpServer } from '../../src/modules/mcp-servers';
import { createWebhook } from '../../src/modules/webhooks';
import { newId } from '../../src/platform/ids';
import { withTenant } from '../../src/platform/tenancy';
import { ownerCtx } from './owner-context';
import type { RouteCase, TenantFixture } from './route-cases';

let sequence = 0;
// Off, so nothing is sent in the background while the suite compares the other tenant's rows.
const webhookOf = async (tenant: TenantFixture) => ({
  id: (await createWebhook(ownerCtx(tenant), { url: 'https://example.com/case', events: ['*'], enabled: false }))
    .webhook.id,
});
// A loopback address the egress guard refuses without asking DNS: a test run sends nothing out.
const actionOf = async (tenant: TenantFixture) => ({
  id: (
    await createAction(ownerCtx(tenant), {
      name: `case_${newId('act').slice(-8)}`,
      description: 'Case',
      inputSchema: { type: 'object', properties: { order: { type: 'string' } } },
      method: 'GET',
      url: 'http://localhost:9/case/{{input.order}}',
    })
  ).id,
});
// An address that resolves nowhere: a refresh the suite sends reaches no network.
const mcpServerOf = async (tenant: TenantFixture) => ({
  id: (await createMcpServer(ownerCtx(tenant), { name: `case-${sequence++}`, url: 'https://mcp.example.invalid/mcp' }))
    .id,
});
/** A connection row as stored, its credentials sealed as the service seals them (a test call reaches the suite's Telegram peer). */
const channelOf = async (tenant: TenantFixture) => {
  const id = newId('chn');
  const sealed = sealCredentials(tenant.id, id, {
    botToken: '123456:AAHcasecasecasecasecasecase',
    webhookSecret: 'case',
  });
  await withTenant(ownerCtx(tenant), (tx) =>
    tx.query(
      `INSERT INTO channel_connections (tenant_id, id, type, name, agent_id, credentials_enc) VALUES ($1, $2, 'telegram', 'Case', $3, $4)`,
      [tenant.id, id, tenant.agentId, sealed],
    ),
  );
  return { id };
};
const deliveryOf = async (tenant: TenantFixture) => {
  const { id } = await webhookOf(tenant);
  const deliveryId = newId('evt');
  await withTenant(ownerCtx(tenant), (tx) =>
    tx.query(
      `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, body, status) VALUES ($1, $2, $3, 'webhook.test', '{}', 'failed')`,
      [tenant.id, deliveryId, id],
    ),
  );
  return { id, deliveryId };
};

/** Webhooks, custom actions, messaging channels and MCP servers. */
export const INTEGRATION_ROUTE_CASES: Record<string, RouteCase> = {
  'POST /api/v1/webhooks': {
    body: () => ({ url: 'https://example.com/case', events: ['lead.created'], description: 'Case' }),
  },
  'GET /api/v1/webhooks/{id}': { params: webhookOf },
  'PATCH /api/v1/webhooks/{id}': { params: webhookOf, body: () => ({ description: 'Renamed' }) },
  'DELETE /api/v1/webhooks/{id}': { params: webhookOf },
  'GET /api/v1/webhooks/{id}/deliveries': { params: webhookOf, badQuery: 'limit=0' },
  'POST /api/v1/webhooks/{id}/rotate-secret': { params: webhookOf },
  'POST /api/v1/webhooks/{id}/test': { params: webhookOf },
  'POST /api/v1/webhooks/{id}/replay': {
    params: webhookOf,
    body: () => ({ since: new Date(Date.now() - 3600_000).toISOString() }),
  },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend': { params: deliveryOf },
  'POST /api/v1/actions': {
    body: () => ({
      name: `case_${newId('act').slice(-8)}`,
      description: 'Case',
      inputSchema: { type: 'object', properties: { order: { type: 'string' } } },
      method: 'GET',
      url: 'http://localhost:9/case',
    }),
  },
  'GET /api/v1/actions/{id}': { params: actionOf },
  'PATCH /api/v1/actions/{id}': { params: actionOf, body: () => ({ description: 'Renamed' }) },
  'DELETE /api/v1/actions/{id}': { params: actionOf },
  'POST /api/v1/actions/{id}/test': { params: actionOf, body: () => ({ input: { order: 'A1' } }) },
  'POST /api/v1/channels': {
    body: (t) => ({
      type: 'telegram',
      agentId: t.agentId,
      name: 'Case',
      credentials: { botToken: '123456:AAHcasecasecasecasecasecase' },
    }),
  },
  'GET /api/v1/channels/{id}': { params: channelOf },
  'PATCH /api/v1/channels/{id}': { params: channelOf, body: () => ({ name: 'Renamed' }) },
  'DELETE /api/v1/channels/{id}': { params: channelOf },
  'POST /api/v1/channels/{id}/test': { params: channelOf },
  'POST /api/v1/mcp-servers': {
    body: () => ({ name: `case-${sequence++}`, url: 'https://mcp.example.invalid/mcp' }),
  },
  'GET /api/v1/mcp-servers/{id}': { params: mcpServerOf },
  'PATCH /api/v1/mcp-servers/{id}': { params: mcpServerOf, body: () => ({ name: `renamed-${sequence++}` }) },
  'DELETE /api/v1/mcp-servers/{id}': { params: mcpServerOf },
  'POST /api/v1/mcp-servers/{id}/refresh': { params: mcpServerOf },
  'PUT /api/v1/mcp-servers/{id}/agents/{agentId}': {
    params: async (t) => ({ ...(await mcpServerOf(t)), agentId: t.agentId }),
    body: () => ({ tools: [] }),
  },
  // Listing tools names no agent; each tool then answers as the key (its agents only).
  'POST /api/v1/mcp': { body: () => ({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), limitedKey: 200 },
  'GET /api/v1/mcp': { limitedKey: 405 },
  'DELETE /api/v1/mcp': { limitedKey: 405 },
};
