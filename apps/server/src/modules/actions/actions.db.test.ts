import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startActionReceiver, type ActionReceiver } from '../../../test/support/action-receiver';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Custom actions over the API: what is stored (secrets sealed, never returned), what is
 * refused (bad schemas, templates, names), what "Test action" sends to a real local endpoint,
 * and one workspace's actions out of another's reach.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let other: TestWorkspace;
let receiver: ActionReceiver;
const TOKEN = 'sk_live_ordersapi_0123456789';

beforeAll(async () => {
  [ws, other] = await Promise.all([testWorkspace(rt.current, 'actions'), testWorkspace(rt.current, 'actions-other')]);
  receiver = await startActionReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.calls.length = 0;
  receiver.answer = () => ({
    status: 200,
    body: JSON.stringify({ order: { id: 'A1', status: 'shipped', note: 'x' } }),
  });
});

let n = 0;
const orderAction = (extra: Record<string, unknown> = {}) => ({
  name: `order_status_${++n}`,
  description: 'Look up an order by its number',
  inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
  method: 'POST',
  url: `${receiver.origin}/orders/{{input.orderId}}?src=bot`,
  headers: [
    { name: 'Authorization', value: `Bearer ${TOKEN}`, secret: true },
    { name: 'X-Order', value: '{{input.orderId}}' },
  ],
  bodyTemplate: '{"order": {{input.orderId}}, "fixed": 1}',
  keep: ['order.status'],
  ...extra,
});

async function create(client = ws.owner, body: Record<string, unknown> = orderAction()) {
  const { status, body: out } = await client.post('/api/v1/actions', body);
  expect(status, JSON.stringify(out)).toBe(201);
  return out.action as {
    id: string;
    name: string;
    headers: Array<{ name: string; value: string | null; hint: string | null }>;
  };
}

describe('actions', () => {
  it('stores secret header values encrypted and never returns them', async () => {
    const action = await create();
    expect(JSON.stringify(action)).not.toContain(TOKEN);
    expect(action.headers[0]).toMatchObject({ name: 'Authorization', value: null, hint: '••••6789' });
    const listed = await ws.owner.json('/api/v1/actions');
    expect(JSON.stringify(listed.body)).not.toContain(TOKEN);
    const stored = await withTenant(systemContext(ws.id, 'test'), (tx) =>
      tx.query<{ headers: unknown }>('SELECT headers FROM actions WHERE id = $1', [action.id]),
    );
    expect(JSON.stringify(stored.rows[0]!.headers)).not.toContain(TOKEN);
    const audit = await withTenant(systemContext(ws.id, 'test'), (tx) =>
      tx.query<{ action: string; after: unknown }>('SELECT action, after FROM audit_log WHERE target_id = $1', [
        action.id,
      ]),
    );
    expect(audit.rows.map((r) => r.action)).toContain('action.created');
    expect(JSON.stringify(audit.rows)).not.toContain(TOKEN);
  });

  it('tests an action: placeholders encoded for the URL and the JSON body, the secret sent, kept fields only', async () => {
    const action = await create();
    const { status, body } = await ws.owner.post(`/api/v1/actions/${action.id}/test`, {
      input: { orderId: 'A 1/"x"' },
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0]!;
    expect(call.url).toBe('/orders/A%201%2F%22x%22?src=bot');
    expect(JSON.parse(call.body)).toEqual({ order: 'A 1/"x"', fixed: 1 });
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.headers['x-order']).toBe('A 1/"x"');
    expect(body.run).toMatchObject({ status: 200, output: { 'order.status': 'shipped' }, error: null });
    expect(body.run.request.url).toBe(`${receiver.origin}/orders/A%201%2F%22x%22?src=bot`);
    expect(JSON.stringify(body)).not.toContain(TOKEN);
  });

  it('keeps a secret on update when no value is sent, and replaces it when one is', async () => {
    const action = await create();
    const renamed = await ws.owner.json(`/api/v1/actions/${action.id}`, {
      method: 'PATCH',
      json: { headers: [{ name: 'Authorization', secret: true }], description: 'Changed' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await ws.owner.post(`/api/v1/actions/${action.id}/test`, { input: { orderId: 'B2' } });
    expect(receiver.calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const without = await ws.owner.json(`/api/v1/actions/${action.id}`, {
      method: 'PATCH',
      json: { headers: [{ name: 'X-Other', secret: true }] },
    });
    expect(without.status).toBe(400);
  });

  it('reports a failing endpoint, a response over the cap and a refused address', async () => {
    receiver.answer = () => ({ status: 503, body: 'down' });
    const action = await create();
    const failed = await ws.owner.post(`/api/v1/actions/${action.id}/test`, { input: { orderId: 'C3' } });
    expect(failed.body.run).toMatchObject({ status: 503, error: 'The endpoint answered HTTP 503.' });

    receiver.answer = () => ({ status: 200, body: JSON.stringify({ big: 'y'.repeat(5000) }) });
    const capped = await create(ws.owner, orderAction({ maxResponseBytes: 1024 }));
    const tooBig = await ws.owner.post(`/api/v1/actions/${capped.id}/test`, { input: { orderId: 'C4' } });
    expect(tooBig.body.run.status).toBeNull();
    expect(tooBig.body.run.error).toMatch(/large|limit|bytes/i);

    const privateAction = await create(ws.owner, orderAction({ url: 'http://127.0.0.3:9/orders/{{input.orderId}}' }));
    const refused = await ws.owner.post(`/api/v1/actions/${privateAction.id}/test`, { input: { orderId: 'C5' } });
    expect(refused.body.run.status).toBeNull();
    expect(refused.body.run.error).toBeTruthy();
  });

  it('refuses bad input with a clear 400', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [orderAction({ inputSchema: { type: 'string' } }), 'inputSchema'],
      [orderAction({ inputSchema: { type: 'object', properties: {} } }), 'inputSchema'],
      [
        orderAction({ inputSchema: { type: 'object', properties: { a: { description: 'z'.repeat(9000) } } } }),
        'inputSchema',
      ],
      [orderAction({ name: 'Order Status' }), 'name'],
      [orderAction({ name: 'search_knowledge' }), 'name'],
      [orderAction({ url: 'https://{{input.orderId}}.example.com/x' }), 'url'],
      [orderAction({ url: `${receiver.origin}/o/{{input.missing}}` }), 'url'],
      [orderAction({ url: `${receiver.origin}/o/{{visitor.userId}}` }), 'url'],
      [orderAction({ bodyTemplate: '{"order": "{{input.orderId}}"' }), 'bodyTemplate'],
    ];
    for (const [body, path] of cases) {
      const { status, body: out } = await ws.owner.post('/api/v1/actions', body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(out.error.code).toBe('validation_failed');
      expect(JSON.stringify(out.error.details)).toContain(path);
    }
    const first = await create();
    const clash = await ws.owner.post('/api/v1/actions', orderAction({ name: first.name }));
    expect(clash.status).toBe(409);
    const badInput = await ws.owner.post(`/api/v1/actions/${first.id}/test`, { input: { orderId: 42 } });
    expect(badInput.status).toBe(400);
    expect(receiver.calls).toHaveLength(0);
  });

  it('keeps one workspace’s actions out of another’s reach, agents included', async () => {
    const action = await create();
    for (const [method, path, json] of [
      ['GET', `/api/v1/actions/${action.id}`, undefined],
      ['PATCH', `/api/v1/actions/${action.id}`, { description: 'mine now' }],
      ['POST', `/api/v1/actions/${action.id}/test`, { input: { orderId: 'X' } }],
      ['DELETE', `/api/v1/actions/${action.id}`, undefined],
    ] as const) {
      const res = await other.owner.json(path, { method, ...(json && { json }) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await other.owner.json('/api/v1/actions')).body.actions).toEqual([]);
    expect(receiver.calls).toHaveLength(0);

    const agent = (await other.owner.post('/api/v1/agents', { name: 'B agent' })).body.agent;
    const enabled = await other.owner.json(`/api/v1/agents/${agent.id}`, {
      method: 'PATCH',
      json: { tools: { actionIds: [action.id] } },
    });
    expect(enabled.status).toBe(400);
    expect(JSON.stringify(enabled.body.error.details)).toContain('tools.actionIds');
    const created = await other.owner.post('/api/v1/agents', { name: 'B agent 2', tools: { actionIds: [action.id] } });
    expect(created.status).toBe(400);

    const mine = (await ws.owner.post('/api/v1/agents', { name: 'A agent' })).body.agent;
    const ok = await ws.owner.json(`/api/v1/agents/${mine.id}`, {
      method: 'PATCH',
      json: { tools: { actionIds: [action.id] } },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.agent.draft.tools.actionIds).toEqual([action.id]);
  });

  it('is for admins and owners: an API key cannot manage actions', async () => {
    expect((await ws.api.json('/api/v1/actions')).status).toBe(403);
    expect((await ws.api.post('/api/v1/actions', orderAction())).status).toBe(403);
  });
});
