import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { startReceiver, verify, waitFor, waitForLog, type Receiver } from '../../../test/support/webhook-receiver';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { systemContext, withTenant } from '../../platform/tenancy';

/**
 * Endpoints and signed deliveries end to end: real receivers on a local address, signatures
 * checked by the official `standardwebhooks` package, events from the outbox, rotation, and
 * one workspace's endpoints and logs out of another's reach.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let other: TestWorkspace;
let receiver: Receiver;

beforeAll(async () => {
  [ws, other] = await Promise.all([testWorkspace(rt.current, 'hooks'), testWorkspace(rt.current, 'hooks-other')]);
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

async function endpoint(client = ws.owner, events: string[] = ['*'], url = receiver.url) {
  const { status, body } = await client.post('/api/v1/webhooks', { url, events, description: 'tests' });
  expect(status).toBe(201);
  return body as { webhook: { id: string; events: string[]; enabled: boolean }; secret: string };
}

const byEndpoint = (id: string) => receiver.received.filter((r) => r.payload.data.webhookId === id);

describe('webhook endpoints', () => {
  it('creates an endpoint with a whsec_ secret shown once, and signs deliveries the official library accepts', async () => {
    const { webhook, secret } = await endpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    const shown = await ws.owner.json(`/api/v1/webhooks/${webhook.id}`);
    expect(JSON.stringify(shown.body)).not.toContain(secret.slice(6));

    expect((await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`)).status).toBe(201);
    const [got] = await waitFor(() => byEndpoint(webhook.id).length === 1 && byEndpoint(webhook.id), 'the test event');
    expect(got!.payload).toMatchObject({ type: 'webhook.test', data: { webhookId: webhook.id } });
    expect(got!.id).toMatch(/^evt_/);
    expect(Math.abs(Number(got!.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(verify(secret, got!)).toMatchObject({ type: 'webhook.test' });
    const tampered = { ...got!, body: got!.body.replace('webhook.test', 'lead.created') };
    expect(() => verify(secret, tampered)).toThrow();
    const log = await waitForLog(ws.owner, webhook.id, (l) => l[0]?.status === 'succeeded', 'the log');
    expect(log[0]).toMatchObject({
      id: got!.id,
      eventType: 'webhook.test',
      attempts: 1,
      responseStatus: 200,
      responseExcerpt: 'ok',
      nextAttemptAt: null,
    });
  });

  it('stores the secret encrypted, never as written', async () => {
    const { webhook, secret } = await endpoint();
    const stored = await withTenant(systemContext(ws.id, 'test'), (tx) =>
      tx.query<{ secret_enc: string }>('SELECT secret_enc FROM webhook_endpoints WHERE id = $1', [webhook.id]),
    );
    expect(stored.rows[0]!.secret_enc).not.toContain(secret.slice(6));
  });

  it('signs with both secrets for a day after a rotation, then with the new one only', async () => {
    const { webhook, secret: oldSecret } = await endpoint();
    const rotated = await ws.owner.post(`/api/v1/webhooks/${webhook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).not.toBe(oldSecret);

    await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
    const [during] = await waitFor(
      () => byEndpoint(webhook.id).length === 1 && byEndpoint(webhook.id),
      'a delivery during the overlap',
    );
    expect(during!.signature.split(' ')).toHaveLength(2);
    expect(verify(oldSecret, during!)).toBeTruthy();
    expect(verify(newSecret, during!)).toBeTruthy();

    // The day has passed: the old secret's expiry is behind us.
    await withTenant(systemContext(ws.id, 'test'), (tx) =>
      tx.query(`UPDATE webhook_endpoints SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`, [
        webhook.id,
      ]),
    );
    await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
    const after = await waitFor(
      () => byEndpoint(webhook.id).length === 2 && byEndpoint(webhook.id)[1],
      'a delivery after the overlap',
    );
    expect(after.signature.split(' ')).toHaveLength(1);
    expect(verify(newSecret, after)).toBeTruthy();
    expect(() => verify(oldSecret, after)).toThrow();
  });

  it('sends outbox events to the endpoints subscribed to them, in the catalog shape', async () => {
    const all = await endpoint(ws.owner, ['*']);
    const leadsOnly = await endpoint(ws.owner, ['lead.created']);
    const agent = await ws.owner.post('/api/v1/agents', { name: 'Hooked agent' });
    expect(agent.status).toBe(201);
    expect((await ws.owner.post(`/api/v1/agents/${agent.body.agent.id}/publish`, { note: 'v2' })).status).toBe(200);
    const log = await waitForLog(
      ws.owner,
      all.webhook.id,
      (l) => l.some((d) => d.eventType === 'agent.published' && d.status === 'succeeded'),
      'the log of *',
    );
    const published = receiver.received.find((r) => r.id === log.find((d) => d.eventType === 'agent.published').id)!;
    expect(published.payload).toMatchObject({
      type: 'agent.published',
      data: { agentId: agent.body.agent.id, version: 2, previousVersion: 1, note: 'v2' },
    });
    expect(Object.keys(published.payload).sort()).toEqual(['data', 'timestamp', 'type']);
    expect(verify(all.secret, published)).toBeTruthy();
    const onlyLog = await ws.owner.json(`/api/v1/webhooks/${leadsOnly.webhook.id}/deliveries`);
    expect(onlyLog.body.deliveries).toEqual([]);
  });

  it('keeps one workspace’s endpoints and deliveries from another', async () => {
    const mine = await endpoint();
    await ws.owner.post(`/api/v1/webhooks/${mine.webhook.id}/test`);
    const log = await waitForLog(ws.owner, mine.webhook.id, (l) => l.length === 1, 'a delivery');
    other.owner.workspaceId = other.id;
    for (const path of [`/api/v1/webhooks/${mine.webhook.id}`, `/api/v1/webhooks/${mine.webhook.id}/deliveries`]) {
      expect((await other.owner.json(path)).status).toBe(404);
    }
    expect(
      (await other.owner.json(`/api/v1/webhooks/${mine.webhook.id}`, { method: 'PATCH', json: { enabled: false } }))
        .status,
    ).toBe(404);
    expect((await other.owner.post(`/api/v1/webhooks/${mine.webhook.id}/deliveries/${log[0].id}/resend`)).status).toBe(
      404,
    );
    expect((await other.owner.json(`/api/v1/webhooks/${mine.webhook.id}`, { method: 'DELETE' })).status).toBe(404);
    const theirs = await other.owner.json('/api/v1/webhooks');
    expect(theirs.body.webhooks).toEqual([]);
    expect((await ws.owner.json(`/api/v1/webhooks/${mine.webhook.id}`)).body.webhook.enabled).toBe(true);
  });

  it('refuses bad input with the error envelope', async () => {
    for (const body of [
      { url: 'ftp://example.com/x', events: ['*'] },
      { url: 'https://example.com/x', events: [] },
      { url: 'https://example.com/x', events: ['nope.event'] },
      { url: 'https://example.com/x', events: ['*'], extra: 1 },
    ]) {
      const res = await ws.owner.post('/api/v1/webhooks', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBeTruthy();
    }
  });

  it('resends a delivery with the same webhook-id and body', async () => {
    const { webhook, secret } = await endpoint();
    await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
    const [first] = await waitFor(
      () => byEndpoint(webhook.id).length === 1 && byEndpoint(webhook.id),
      'the first send',
    );
    await waitForLog(ws.owner, webhook.id, (l) => l[0]?.status === 'succeeded', 'success');
    expect((await ws.owner.post(`/api/v1/webhooks/${webhook.id}/deliveries/${first!.id}/resend`)).status).toBe(200);
    const again = await waitFor(() => byEndpoint(webhook.id).length === 2 && byEndpoint(webhook.id)[1], 'the resend');
    expect(again.id).toBe(first!.id);
    expect(again.body).toBe(first!.body);
    expect(verify(secret, again)).toBeTruthy();
  });
});
