import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { startReceiver, waitFor, type Receiver } from '../../../test/support/webhook-receiver';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { emit } from '../../platform/events';
import { systemContext, withTenant } from '../../platform/tenancy';
import { webhooksSettled } from './index';

/**
 * Fan-out happens inside the event's own transaction, and the outcomes of many attempts to
 * several endpoints are written together: a rolled-back change sends nothing, a committed one
 * has its deliveries at once, and each endpoint's state follows its own answers in a batch.
 */
const rt = useTestRuntime({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32', RATE_LIMIT_PER_MINUTE: '100000' });

let ws: TestWorkspace;
let ok: Receiver;
let failing: Receiver;

beforeAll(async () => {
  ws = await testWorkspace(rt.current, 'batches');
  [ok, failing] = await Promise.all([startReceiver(), startReceiver()]);
  // Retry-After keeps the second attempt an hour away, out of this test's time.
  failing.answer = () => ({ status: 500, headers: { 'retry-after': '3600' }, body: 'down' });
});
afterAll(() => Promise.all([ok.close(), failing.close()]));

async function endpoint(url: string): Promise<string> {
  const { status, body } = await ws.owner.post('/api/v1/webhooks', { url, events: ['lead.deleted'] });
  expect(status).toBe(201);
  return body.webhook.id as string;
}

const leadDeleted = (leadId: string) =>
  withTenant(systemContext(ws.id, 'test'), (tx) => emit(tx, 'lead.deleted', { leadId, conversationId: null }));

const deliveries = (endpointId: string) =>
  withTenant(systemContext(ws.id, 'test'), async (tx) => {
    const { rows } = await tx.query<{ body: string; status: string; attempts: number }>(
      'SELECT body, status, attempts FROM webhook_deliveries WHERE endpoint_id = $1',
      [endpointId],
    );
    return rows;
  });

describe('webhook fan-out and batched outcomes', () => {
  it('writes deliveries in the event’s transaction: nothing for a rollback, at once for a commit', async () => {
    const id = await endpoint(ok.url);
    const seenInside = await withTenant(systemContext(ws.id, 'test'), async (tx) => {
      await emit(tx, 'lead.deleted', { leadId: 'lead_seen_inside', conversationId: null });
      const { rows } = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND body LIKE '%lead_seen_inside%'`,
        [id],
      );
      return rows[0]!.n;
    });
    expect(seenInside).toBe(1);
    await expect(
      withTenant(systemContext(ws.id, 'test'), async (tx) => {
        await emit(tx, 'lead.deleted', { leadId: 'lead_never', conversationId: null });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await leadDeleted('lead_kept');
    await waitFor(() => ok.received.some((r) => r.payload.data.leadId === 'lead_kept'), 'the committed event');
    await webhooksSettled();
    const ids = ok.received.map((r) => r.payload.data.leadId);
    expect(ids).toContain('lead_seen_inside');
    expect(ids).not.toContain('lead_never');
    expect((await deliveries(id)).filter((d) => d.body.includes('lead_never'))).toEqual([]);
  });

  it('keeps each endpoint’s state its own when their outcomes are written together', async () => {
    const good = await endpoint(ok.url);
    const bad = await endpoint(failing.url);
    await Promise.all(Array.from({ length: 12 }, (_, i) => leadDeleted(`lead_batch_${i}`)));
    await waitFor(
      () => failing.received.filter((r) => r.payload.data.leadId?.startsWith('lead_batch_')).length === 12,
      'every first attempt',
    );
    await webhooksSettled();
    const goodRows = (await deliveries(good)).filter((d) => d.body.includes('lead_batch_'));
    const badRows = (await deliveries(bad)).filter((d) => d.body.includes('lead_batch_'));
    expect(goodRows.map((d) => [d.status, d.attempts])).toEqual(Array(12).fill(['succeeded', 1]));
    expect(badRows.map((d) => [d.status, d.attempts])).toEqual(Array(12).fill(['pending', 1]));
    const state = await withTenant(systemContext(ws.id, 'test'), (tx) =>
      tx.query<{ id: string; failing: boolean }>(
        'SELECT id, failing_since IS NOT NULL AS failing FROM webhook_endpoints WHERE id = ANY($1::text[]) ORDER BY id',
        [[good, bad]],
      ),
    );
    expect(Object.fromEntries(state.rows.map((r) => [r.id, r.failing]))).toEqual({ [good]: false, [bad]: true });
  });
});
