import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, startChild } from '../../../test/support/child';
import { cloneTestDatabase } from '../../../test/support/database';
import { startReceiver, waitFor, type Receiver } from '../../../test/support/webhook-receiver';
import { createCipher, resolveSecretKey, setSecrets } from '../../platform/crypto';
import { setDatabase } from '../../platform/db/current';
import { openDatabase } from '../../platform/db/database';
import { configureEgress } from '../../platform/egress';
import { newId } from '../../platform/ids';
import { systemContext, withTenant } from '../../platform/tenancy';
import { createTenant } from '../tenants';
import { createWebhook, setWebhookClock, stopWebhookRunners, sweepTenant, webhooksSettled } from './index';

/**
 * kill -9 of the process delivering a webhook: the delivery is made again after the restart
 * (the lease of the dead attempt runs out), with the same webhook-id and body, and succeeds.
 */
const SECRET_KEY = 'webhook-crash-test-secret-key-0123456789';
let child: string;
let receiver: Receiver;

beforeAll(async () => {
  child = await bundleChild(path.resolve(import.meta.dirname, '../../../test/fixtures/webhook-crash-child.ts'));
  receiver = await startReceiver();
});
afterAll(async () => {
  setWebhookClock(null);
  stopWebhookRunners();
  setDatabase(null);
  configureEgress({});
  await receiver.close();
});

describe('a webhook worker killed mid-delivery', () => {
  it('delivers after the restart, nothing lost, the duplicate with the same webhook-id', async () => {
    const clone = await cloneTestDatabase();
    const open = () =>
      openDatabase(
        clone.databaseUrl
          ? { mode: 'postgres', dataDir: clone.dataDir, databaseUrl: clone.databaseUrl, poolSize: 2 }
          : { mode: 'embedded', dataDir: clone.dataDir },
      );
    const key = resolveSecretKey(SECRET_KEY, clone.dataDir);
    setSecrets(key, createCipher(key));
    configureEgress({ allowCidrs: ['127.0.0.2/32'] });
    try {
      let db = await open();
      setDatabase(db);
      const tenantId = (await createTenant({ name: 'Crash hooks' })).id;
      const owner = {
        tenantId,
        actor: { type: 'user' as const, userId: 'usr_crashtest', email: 'owner@example.test', role: 'owner' as const },
        requestId: 'crash',
      };
      const { webhook, secret } = await createWebhook(owner, { url: receiver.url, events: ['*'] });
      // The row a fan-out writes: due now.
      const deliveryId = newId('evt');
      const body = JSON.stringify({
        type: 'lead.created',
        timestamp: new Date().toISOString(),
        data: { leadId: 'lead_crash' },
      });
      await withTenant(systemContext(tenantId, 'test'), (tx) =>
        tx.query(
          `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, body, next_attempt_at) VALUES ($1, $2, $3, 'lead.created', $4, now())`,
          [tenantId, deliveryId, webhook.id, body],
        ),
      );
      await db.close();
      setDatabase(null);

      // The receiver takes the first request and never answers: the attempt is in flight.
      receiver.answer = () => new Promise(() => undefined);
      const worker = startChild(child, {
        SB_CHILD_DATA_DIR: clone.dataDir,
        SB_CHILD_DATABASE_URL: clone.databaseUrl ?? '',
        SB_CHILD_SECRET_KEY: SECRET_KEY,
        SB_CHILD_TENANT: tenantId,
        SB_CHILD_ENDPOINT: webhook.id,
      });
      await worker.waitFor(/^ready$/, 30_000);
      await waitFor(() => receiver.received.length === 1, 'the first attempt');
      worker.process.kill('SIGKILL');
      expect((await worker.exited).signal).toBe('SIGKILL');

      db = await open();
      setDatabase(db);
      receiver.answer = () => ({ status: 200, body: 'ok' });
      // Before the dead attempt's lease ends, nothing is sent twice.
      await sweepTenant(tenantId);
      await webhooksSettled();
      expect(receiver.received).toHaveLength(1);
      // A minute later the sweep finds the lease expired and delivers again.
      setWebhookClock(() => new Date(Date.now() + 61_000));
      await sweepTenant(tenantId);
      await waitFor(() => receiver.received.length === 2, 'the attempt after the restart');
      await webhooksSettled();

      const [first, second] = receiver.received;
      expect(second!.id).toBe(deliveryId);
      expect(first!.id).toBe(deliveryId);
      expect(second!.body).toBe(first!.body);
      const { Webhook } = await import('standardwebhooks');
      expect(new Webhook(secret).sign(second!.id, new Date(Number(second!.timestamp) * 1000), second!.body)).toBe(
        second!.signature,
      );
      const { rows } = await withTenant(systemContext(tenantId, 'test'), (tx) =>
        tx.query<{ status: string; attempts: number }>(
          'SELECT status, attempts FROM webhook_deliveries WHERE id = $1',
          [deliveryId],
        ),
      );
      expect(rows[0]).toEqual({ status: 'succeeded', attempts: 2 });
      await db.close();
    } finally {
      setDatabase(null);
      await clone.drop();
    }
  }, 120_000);
});
