import { describe, expect, it } from 'vitest';
import { TestClient } from '../../../test/support/client';
import { onPlan, platformAdmin } from '../../../test/support/plans';
import { useTestRuntime } from '../../../test/support/runtime';
import { testWorkspace } from '../../../test/support/workspace';

/**
 * Plan limits enforced by the services, through the API: the last create allowed, the first
 * refused (402 limit_exceeded with what was used), two concurrent creates at the boundary (one
 * wins), features refused (403 feature_not_in_plan), and one workspace's use never counted
 * against another's.
 */
const rt = useTestRuntime();

let n = 0;
const action = () => ({
  name: `lookup_${n++}`,
  description: 'Looks an order up',
  inputSchema: { type: 'object', properties: { order: { type: 'string' } } },
  method: 'GET',
  url: 'http://localhost:9/order',
});
const source = () => ({ kind: 'text', title: `Note ${n++}`, text: 'Opening hours are nine to five.' });

function refusedAtLimit(res: { status: number; body: any }, limit: string, used: number, max: number) {
  expect(res.status).toBe(402);
  expect(res.body.error.code).toBe('limit_exceeded');
  expect(res.body.error.details).toMatchObject({ limit, used, max, plan: expect.any(String) });
}

async function concurrentAtBoundary(create: () => Promise<{ status: number }>, created: number) {
  const results = await Promise.all([create(), create()]);
  expect(results.map((r) => r.status).sort()).toEqual([created, 402]);
}

describe('counted limits', () => {
  it('agents: the last allowed, the first refused, and one of two concurrent creates', async () => {
    const ws = await testWorkspace(rt.current, 'agents-limit');
    const plan = await onPlan(ws.id, { agents: 2 });
    expect((await ws.api.post('/api/v1/agents', { name: 'One' })).status).toBe(201);
    expect((await ws.api.post('/api/v1/agents', { name: 'Two' })).status).toBe(201);
    const refused = await ws.api.post('/api/v1/agents', { name: 'Three' });
    refusedAtLimit(refused, 'agents', 2, 2);
    expect(refused.body.error.details.plan).toBe(plan);

    const other = await testWorkspace(rt.current, 'agents-race');
    await onPlan(other.id, { agents: 1 });
    await concurrentAtBoundary(() => other.api.post('/api/v1/agents', { name: 'Racer' }), 201);
    const list = await other.api.json('/api/v1/agents');
    expect(list.body.agents).toHaveLength(1);
  });

  it('members: the owner and pending invitations count; concurrent invitations at the boundary', async () => {
    const ws = await testWorkspace(rt.current, 'members-limit');
    await onPlan(ws.id, { members: 3 });
    const invite = (role = 'viewer') => ws.owner.post('/api/v1/invitations', { email: `m${n++}@example.test`, role });
    expect((await invite()).status).toBe(201);
    await concurrentAtBoundary(() => invite(), 201);
    refusedAtLimit(await invite(), 'members', 3, 3);
  });

  it('knowledge sources, with two concurrent creates at the boundary', async () => {
    const ws = await testWorkspace(rt.current, 'sources-limit');
    await onPlan(ws.id, { knowledgeSources: 2 });
    expect((await ws.api.post('/api/v1/knowledge/sources', source())).status).toBe(201);
    await concurrentAtBoundary(() => ws.api.post('/api/v1/knowledge/sources', source()), 201);
    refusedAtLimit(await ws.api.post('/api/v1/knowledge/sources', source()), 'knowledgeSources', 2, 2);
  });

  it('stored bytes: an upload that would pass the plan’s storage is refused', async () => {
    const ws = await testWorkspace(rt.current, 'bytes-limit');
    await onPlan(ws.id, { storedBytes: 60 });
    const upload = (text: string) => {
      const form = new FormData();
      form.set('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
      return ws.api.json('/api/v1/knowledge/sources/upload', { method: 'POST', body: form });
    };
    expect((await upload('a'.repeat(40))).status).toBe(201);
    refusedAtLimit(await upload('b'.repeat(21)), 'storedBytes', 40, 60);
    expect((await upload('c'.repeat(20))).status).toBe(201);
  });

  it('custom actions: the feature and the count, concurrent creates at the boundary', async () => {
    const ws = await testWorkspace(rt.current, 'actions-limit');
    await onPlan(ws.id, { customActions: 1 }, {});
    const refused = await ws.owner.post('/api/v1/actions', action());
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'feature_not_in_plan', details: { feature: 'customActions' } });
    await onPlan(ws.id, { customActions: 1 }, { customActions: true });
    await concurrentAtBoundary(() => ws.owner.post('/api/v1/actions', action()), 201);
    refusedAtLimit(await ws.owner.post('/api/v1/actions', action()), 'customActions', 1, 1);
  });

  it('webhooks and channels: refused without the feature, before anything is reached', async () => {
    const ws = await testWorkspace(rt.current, 'features');
    const agent = (await ws.api.post('/api/v1/agents', { name: 'Bot' })).body.agent.id;
    await onPlan(ws.id, {}, { apiAccess: true });
    const hook = await ws.owner.post('/api/v1/webhooks', { url: 'https://example.com/hook', events: ['lead.created'] });
    expect(hook.status).toBe(403);
    expect(hook.body.error).toMatchObject({ code: 'feature_not_in_plan', details: { feature: 'webhooks' } });
    const channel = await ws.owner.post('/api/v1/channels', {
      type: 'telegram',
      agentId: agent,
      name: 'Telegram',
      credentials: { botToken: '123456:AAHcasecasecasecasecasecase' },
    });
    expect(channel.status).toBe(403);
    expect(channel.body.error.details.feature).toBe('channels');
  });

  it('never counts one workspace’s use against another', async () => {
    const a = await testWorkspace(rt.current, 'iso-a');
    const b = await testWorkspace(rt.current, 'iso-b');
    await onPlan(a.id, { agents: 1 });
    await onPlan(b.id, { agents: 1 });
    expect((await a.api.post('/api/v1/agents', { name: 'A' })).status).toBe(201);
    refusedAtLimit(await a.api.post('/api/v1/agents', { name: 'A2' }), 'agents', 1, 1);
    expect((await b.api.post('/api/v1/agents', { name: 'B' })).status).toBe(201);
    const meters = (await b.owner.json('/api/v1/billing/plan')).body.meters;
    expect(meters.find((m: any) => m.limit === 'agents')).toMatchObject({ used: 1, max: 1 });
  });
});

describe('API access', () => {
  it('refuses requests with an API key when the plan lacks apiAccess; the dashboard session still works', async () => {
    const ws = await testWorkspace(rt.current, 'api-access');
    await onPlan(ws.id, {}, { apiAccess: false });
    const refused = await ws.api.json('/api/v1/agents');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'feature_not_in_plan', details: { feature: 'apiAccess' } });
    expect((await ws.owner.json('/api/v1/agents')).status).toBe(200);
    await onPlan(ws.id, {}, { apiAccess: true });
    expect((await ws.api.json('/api/v1/agents')).status).toBe(200);
  });
});

describe('the workspace’s plan and the admin routes', () => {
  it('shows the meters to members; owners change the limit behaviour', async () => {
    const ws = await testWorkspace(rt.current, 'meters');
    await onPlan(ws.id, { agents: 3, messagesPerMonth: 100 }, { webhooks: true });
    await ws.owner.post('/api/v1/agents', { name: 'Metered' });
    const plan = await ws.owner.json('/api/v1/billing/plan');
    expect(plan.status).toBe(200);
    expect(plan.body.meters.find((m: any) => m.limit === 'agents')).toEqual({ limit: 'agents', used: 1, max: 3 });
    expect(plan.body.meters.find((m: any) => m.limit === 'messagesPerMonth')).toMatchObject({ used: 0, max: 100 });
    expect(plan.body.meters.find((m: any) => m.limit === 'channels')).toMatchObject({ max: null });
    expect(plan.body).toMatchObject({
      limitBehaviour: 'notice',
      canManage: true,
      features: { webhooks: true, channels: false },
    });
    const set = await ws.owner.json('/api/v1/billing/settings', {
      method: 'PATCH',
      json: { limitBehaviour: 'overage' },
    });
    expect(set).toMatchObject({ status: 200, body: { limitBehaviour: 'overage' } });
    expect((await ws.owner.json('/api/v1/billing/plan')).body.limitBehaviour).toBe('overage');
    const bad = await ws.owner.json('/api/v1/billing/settings', {
      method: 'PATCH',
      json: { limitBehaviour: 'ignore' },
    });
    expect(bad.status).toBe(400);
  });

  it('refuses the catalog and plan assignment to a workspace owner; the platform administrator uses them', async () => {
    const ws = await testWorkspace(rt.current, 'admin-routes');
    const owner: TestClient = ws.owner;
    expect((await owner.json('/api/v1/admin/plans')).status).toBe(403);
    const put = await owner.json(`/api/v1/admin/workspaces/${ws.id}/plan`, { method: 'PUT', json: { planId: 'pro' } });
    expect(put.status).toBe(403);
    const admin = await platformAdmin(rt.current);
    const list = await admin.json('/api/v1/admin/plans');
    expect(list.body.plans.map((p: any) => p.id)).toEqual(expect.arrayContaining(['free', 'basic', 'advanced', 'pro']));
    const invalid = await admin.post('/api/v1/admin/plans', { id: 'Bad Id', name: '' });
    expect(invalid.status).toBe(400);
    const assigned = await admin.json(`/api/v1/admin/workspaces/${ws.id}/plan`, {
      method: 'PUT',
      json: { planId: 'basic' },
    });
    expect(assigned).toMatchObject({ status: 200, body: { before: 'unlimited', after: 'basic' } });
    expect((await owner.json('/api/v1/billing/plan')).body.plan.id).toBe('basic');
    const inUse = await admin.json('/api/v1/admin/plans/basic', { method: 'DELETE' });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('plan_in_use');
    const archived = await admin.json('/api/v1/admin/plans/basic', { method: 'PATCH', json: { archived: true } });
    expect(archived.body.plan.archived).toBe(true);
    await admin.json('/api/v1/admin/plans/basic', { method: 'PATCH', json: { archived: false } });
  });
});
