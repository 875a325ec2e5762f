import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitForMail } from '../../../test/support/client';
import { startServer } from '../../../test/support/fixtures/http-server';
import { useTestRuntime } from '../../../test/support/runtime';
import { startReceiver, waitForLog, type Receiver } from '../../../test/support/webhook-receiver';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { configureEgress } from '../../platform/egress';
import { kickEndpoint, setWebhookClock, sweepTenant, webhooksSettled } from './index';

/**
 * The retry schedule, 410, the five-day cut-off and the egress guard, with the webhook clock
 * under the test's control: hours and days pass by assignment, never by waiting.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let receiver: Receiver;
let t = new Date();

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'hook-retries');
  receiver = await startReceiver();
});
afterEach(() => setWebhookClock(null));
afterAll(() => receiver.close());

const later = (seconds: number) => (t = new Date(t.getTime() + seconds * 1000));

async function endpoint(url: string) {
  const { status, body } = await ws.owner.post('/api/v1/webhooks', { url, events: ['*'] });
  expect(status).toBe(201);
  return body as { webhook: { id: string }; secret: string };
}

const seen = (id: string) => receiver.received.filter((r) => r.payload.data.webhookId === id);

describe('retries', () => {
  it('follows the schedule, honours Retry-After, and delivers once the receiver recovers, with one webhook-id', async () => {
    t = new Date(Math.floor(Date.now() / 1000) * 1000);
    setWebhookClock(() => t);
    const answers = [
      { status: 500 },
      { status: 429, headers: { 'retry-after': '3600' } },
      { status: 503 },
      { status: 200, body: 'thanks' },
    ];
    let calls = 0;
    const { webhook, secret } = await endpoint(`${receiver.url}/retry`);
    receiver.answer = () => answers[calls++] ?? { status: 200 };
    const sentAt: number[] = [];

    await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
    sentAt.push(t.getTime());
    let log = await waitForLog(
      ws.owner,
      webhook.id,
      (l) => l[0]?.attempts === 1 && l[0].status === 'pending',
      'the first failure',
    );
    expect(log[0]).toMatchObject({ responseStatus: 500, nextAttemptAt: new Date(t.getTime() + 5_000).toISOString() });

    // Not due yet: a wake-up sends nothing.
    kickEndpoint(ws.id, webhook.id);
    await webhooksSettled();
    expect(seen(webhook.id)).toHaveLength(1);

    later(5);
    sentAt.push(t.getTime());
    kickEndpoint(ws.id, webhook.id);
    log = await waitForLog(
      ws.owner,
      webhook.id,
      (l) => l[0]?.attempts === 2 && l[0].status === 'pending',
      'the second failure',
    );
    // The schedule says 5 minutes; the receiver asked for an hour.
    expect(log[0]).toMatchObject({
      responseStatus: 429,
      nextAttemptAt: new Date(t.getTime() + 3600_000).toISOString(),
    });

    later(3600);
    sentAt.push(t.getTime());
    kickEndpoint(ws.id, webhook.id);
    log = await waitForLog(
      ws.owner,
      webhook.id,
      (l) => l[0]?.attempts === 3 && l[0].status === 'pending',
      'the third failure',
    );
    expect(log[0]).toMatchObject({
      responseStatus: 503,
      nextAttemptAt: new Date(t.getTime() + 1800_000).toISOString(),
    });

    later(1800);
    sentAt.push(t.getTime());
    kickEndpoint(ws.id, webhook.id);
    log = await waitForLog(ws.owner, webhook.id, (l) => l[0]?.status === 'succeeded', 'the delivery');
    expect(log[0]).toMatchObject({ attempts: 4, responseStatus: 200, responseExcerpt: 'thanks', nextAttemptAt: null });

    const got = seen(webhook.id);
    expect(got).toHaveLength(4);
    expect(new Set(got.map((r) => r.id)).size).toBe(1);
    expect(new Set(got.map((r) => r.body)).size).toBe(1);
    expect(got.map((r) => Number(r.timestamp) * 1000)).toEqual(sentAt);
    const official = new Webhook(secret);
    for (const r of got) expect(r.signature).toBe(official.sign(r.id, new Date(Number(r.timestamp) * 1000), r.body));
  });

  it('disables an endpoint that answers 410 Gone at once, and mails the admins', async () => {
    const started = Date.now();
    const gone = await startServer((_req, res) => res.writeHead(410).end('gone'));
    try {
      const { webhook } = await endpoint(`${gone.origin}/hooks`);
      await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
      const log = await waitForLog(ws.owner, webhook.id, (l) => l[0]?.status === 'failed', 'the failed delivery');
      expect(log[0]).toMatchObject({ attempts: 1, responseStatus: 410 });
      expect((await ws.owner.json(`/api/v1/webhooks/${webhook.id}`)).body.webhook).toMatchObject({
        enabled: false,
        disabledReason: 'gone',
      });
      expect((await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`)).status).toBe(409);
      const mail = await waitForMail(
        rt.current,
        '@',
        /webhook endpoint in hook-retries workspace was disabled/,
        started,
      );
      expect(mail.text).toContain(gone.origin);
      expect(mail.text).toContain('410 Gone');
    } finally {
      await gone.close();
    }
  });

  it('disables an endpoint failing for five days, not before, and mails the admins', async () => {
    const started = Date.now();
    t = new Date();
    setWebhookClock(() => t);
    const down = await startServer((_req, res) => res.writeHead(500).end('down'));
    try {
      const { webhook } = await endpoint(`${down.origin}/hooks`);
      await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
      await waitForLog(ws.owner, webhook.id, (l) => l[0]?.attempts === 1, 'a failure');
      expect((await ws.owner.json(`/api/v1/webhooks/${webhook.id}`)).body.webhook.failingSince).toBe(t.toISOString());

      later(4 * 86_400);
      await sweepTenant(ws.id);
      await webhooksSettled();
      expect((await ws.owner.json(`/api/v1/webhooks/${webhook.id}`)).body.webhook.enabled).toBe(true);

      later(86_400 + 1);
      await sweepTenant(ws.id);
      expect((await ws.owner.json(`/api/v1/webhooks/${webhook.id}`)).body.webhook).toMatchObject({
        enabled: false,
        disabledReason: 'failing',
      });
      const mail = await waitForMail(
        rt.current,
        '@',
        /webhook endpoint in hook-retries workspace was disabled/,
        started,
      );
      expect(mail.text).toContain(down.origin);
      expect(mail.text).toContain('five days');
    } finally {
      await webhooksSettled();
      await down.close();
    }
  });
});

describe('the egress guard', () => {
  it('refuses private, loopback, link-local, IPv6 and IPv4-mapped addresses when an endpoint is saved', async () => {
    for (const url of [
      'http://127.0.0.1:8080/h',
      'http://10.0.0.5/h',
      'http://169.254.169.254/latest',
      'http://[::1]:8080/h',
      'http://[::ffff:127.0.0.1]:8080/h',
      'http://[::ffff:a00:5]/h',
      'http://[fd00::1]/h',
      'http://localhost:8080/h',
    ]) {
      const res = await ws.owner.post('/api/v1/webhooks', { url, events: ['*'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('address_refused');
    }
    const { webhook } = await endpoint(receiver.url);
    const patched = await ws.owner.json(`/api/v1/webhooks/${webhook.id}`, {
      method: 'PATCH',
      json: { url: 'http://[::ffff:7f00:1]/h' },
    });
    expect(patched.status).toBe(400);
  });

  it('refuses at delivery time an address no longer allowed', async () => {
    const { webhook } = await endpoint(`${receiver.url}/late`);
    configureEgress({ allowCidrs: [] });
    try {
      await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
      const log = await waitForLog(
        ws.owner,
        webhook.id,
        (l) => l[0]?.attempts === 1 && l[0].status === 'pending',
        'a refused attempt',
      );
      expect(log[0].responseStatus).toBeNull();
      expect(log[0].error).toMatch(/127\.0\.0\.2 is a loopback address/);
      expect(seen(webhook.id)).toHaveLength(0);
    } finally {
      configureEgress({ allowCidrs: ['127.0.0.2/32'] });
    }
  });

  it('never follows a redirect, to a private address or anywhere else', async () => {
    const target = await startServer((_req, res) => res.writeHead(200).end('should not be reached'));
    for (const location of [
      `${target.origin}/elsewhere`,
      'http://127.0.0.1:9/internal',
      'http://[::ffff:127.0.0.1]:9/internal',
    ]) {
      const hop = await startServer((_req, res) => res.writeHead(307, { location }).end());
      try {
        const { webhook } = await endpoint(`${hop.origin}/hooks`);
        await ws.owner.post(`/api/v1/webhooks/${webhook.id}/test`);
        const log = await waitForLog(
          ws.owner,
          webhook.id,
          (l) => l[0]?.attempts === 1 && l[0].status === 'pending',
          'a refused redirect',
        );
        expect(log[0].error).toMatch(/redirect/i);
        expect(hop.requests).toHaveLength(1);
      } finally {
        await hop.close();
      }
    }
    expect(target.requests).toHaveLength(0);
    await target.close();
  });
});
