import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RazorpayPeer } from '../../../test/support/billing/razorpay-peer';
import { waitForMail } from '../../../test/support/client';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { VisitorClient, widgetFor } from '../../../test/support/widget';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { advanceGrace } from './grace';
import { setBillingClock } from './settings';
import { billingState, sellPlansInTests } from './test-support';

const DAY = 24 * 60 * 60 * 1000;
let peer: RazorpayPeer;
let rt: TestRuntime;
let clock = new Date();

beforeAll(async () => {
  peer = await RazorpayPeer.start('rzp_test_Key01', 'key_secret_01', 'rzp_webhook_secret');
  rt = await startTestRuntime({
    RAZORPAY_KEY_ID: peer.keyId,
    RAZORPAY_KEY_SECRET: peer.keySecret,
    RAZORPAY_WEBHOOK_SECRET: peer.webhookSecret,
    RAZORPAY_API_URL: peer.url,
  });
  setBillingClock(() => clock);
  await sellPlansInTests();
});
afterAll(async () => {
  setBillingClock(() => new Date());
  await rt?.stop();
  await peer?.close();
});

const ownerEmail = async (ws: TestWorkspace) =>
  (
    (await rt
      .fetch('/api/auth/get-session', { headers: { cookie: ws.owner.cookieHeader() } })
      .then((r) => r.json())) as any
  ).user.email as string;

/** Subscribes through Razorpay Checkout: the signed handler result is confirmed, the webhook follows. */
async function subscribe(ws: TestWorkspace) {
  const checkout = await ws.owner.post('/api/v1/billing/checkout', { planId: 'pro', interval: 'month' });
  expect(checkout.status).toBe(200);
  expect(checkout.body.provider).toBe('razorpay');
  const paid = peer.pay(checkout.body.subscriptionId);
  const forged = await ws.owner.post('/api/v1/billing/razorpay/confirm', { ...paid, signature: 'ab'.repeat(32) });
  expect(forged.status).toBe(400);
  const confirmed = await ws.owner.post('/api/v1/billing/razorpay/confirm', {
    paymentId: paid.paymentId,
    subscriptionId: paid.subscriptionId,
    signature: paid.signature,
  });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.subscription).toMatchObject({ provider: 'razorpay', status: 'active', planId: 'pro' });
  const sub = peer.subscriptions.get(paid.subscriptionId)!;
  expect((await peer.deliver(rt.url, peer.event('subscription.charged', sub, paid.payment))).status).toBe(200);
  return sub;
}

describe('a Razorpay subscription', () => {
  it('is bought, charged, refused when forged, applied once, cancelled', async () => {
    const ws = await testWorkspace(rt, 'rzp-life');
    const sub = await subscribe(ws);
    let state = await billingState(ws.id);
    expect(state.plan).toBe('pro');
    expect(state.invoices).toHaveLength(1);
    expect(state.invoices[0]).toMatchObject({ status: 'paid', currency: 'inr' });
    expect(Number(state.invoices[0]!.amount)).toBe(149900);

    const renewal = peer.event('subscription.charged', sub, peer.payment(sub, 'captured'));
    expect((await peer.deliver(rt.url, renewal, peer.sign(renewal.payload, 'wrong'))).status).toBe(400);
    expect(
      (await peer.deliver(rt.url, { ...renewal, payload: renewal.payload + ' ' }, peer.sign(renewal.payload))).status,
    ).toBe(400);
    expect((await billingState(ws.id)).invoices).toHaveLength(1);
    expect((await peer.deliver(rt.url, renewal)).status).toBe(200);
    expect((await peer.deliver(rt.url, renewal)).status).toBe(200);
    state = await billingState(ws.id);
    expect(state.invoices).toHaveLength(2);

    const cancel = await ws.owner.post('/api/v1/billing/cancel', { cancelAtPeriodEnd: true });
    expect(cancel.status).toBe(200);
    expect(cancel.body.subscription.cancelAtPeriodEnd).toBe(true);
    sub.status = 'cancelled';
    await peer.deliver(rt.url, peer.event('subscription.cancelled', sub));
    state = await billingState(ws.id);
    expect(state.plan).toBe('free');
    expect(state.sub!.status).toBe('canceled');
  });
});

describe('the grace period', () => {
  it('reminds on days 0, 3 and 6, restricts changes, stops the widget, and a payment reinstates', async () => {
    const ws = await testWorkspace(rt, 'rzp-grace');
    const other = await testWorkspace(rt, 'rzp-bystander');
    const agent = (await ws.owner.post('/api/v1/agents', { name: 'Helper' })).body.agent;
    const { publicKey } = await widgetFor(ws, agent.id);
    const sub = await subscribe(ws);
    await subscribe(other);
    const email = await ownerEmail(ws);
    const t0 = new Date();
    clock = t0;
    const failed = peer.payment(sub, 'failed');
    sub.status = 'pending';
    await peer.deliver(rt.url, peer.event('payment.failed', sub, failed));
    await waitForMail(rt, email, /Payment failed/, t0.getTime());
    expect((await billingState(ws.id)).sub).toMatchObject({
      status: 'past_due',
      grace_stage: 'reminding',
      reminders_sent: 1,
    });

    clock = new Date(t0.getTime() + 2 * DAY);
    await advanceGrace();
    expect((await billingState(ws.id)).sub!.reminders_sent).toBe(1);
    clock = new Date(t0.getTime() + 3 * DAY);
    await advanceGrace();
    expect((await billingState(ws.id)).sub!.reminders_sent).toBe(2);
    clock = new Date(t0.getTime() + 6 * DAY);
    await advanceGrace();
    expect((await billingState(ws.id)).sub).toMatchObject({ reminders_sent: 3, grace_stage: 'reminding' });
    expect((await ws.api.post('/api/v1/agents', { name: 'Still fine' })).status).toBe(201);

    const restrictedAt = Date.now();
    clock = new Date(t0.getTime() + 7 * DAY);
    await advanceGrace();
    await waitForMail(rt, email, /paused for an unpaid subscription/, restrictedAt);
    const refused = await ws.api.post('/api/v1/agents', { name: 'Refused' });
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('payment_required');
    expect((await ws.owner.post('/api/v1/agents', { name: 'Refused too' })).status).toBe(402);
    expect((await ws.api.json('/api/v1/agents')).status).toBe(200);
    expect((await ws.owner.json('/api/v1/billing/subscription')).body.subscription.graceStage).toBe('restricted');
    expect((await new VisitorClient(rt, publicKey).call('/config')).status).toBe(200);
    expect((await other.api.post('/api/v1/agents', { name: 'Other pays' })).status).toBe(201);

    clock = new Date(t0.getTime() + 14 * DAY);
    await advanceGrace();
    const stopped = await new VisitorClient(rt, publicKey).call('/config');
    expect(stopped.status).toBe(403);
    expect(stopped.body.error.code).toBe('chat_unavailable');
    expect(stopped.body.error.message).toMatch(/sorry/i);

    sub.status = 'active';
    await peer.deliver(rt.url, peer.event('subscription.charged', sub, peer.payment(sub, 'captured')));
    expect((await ws.api.post('/api/v1/agents', { name: 'Back' })).status).toBe(201);
    expect((await new VisitorClient(rt, publicKey).call('/config')).status).toBe(200);
    const audit = (await billingState(ws.id)).audit;
    for (const action of [
      'billing.payment_failed',
      'billing.payment_reminder',
      'billing.workspace_restricted',
      'billing.widget_stopped',
      'billing.reinstated',
    ])
      expect(audit).toContain(action);
    expect(audit.filter((a) => a === 'billing.payment_reminder')).toHaveLength(3);
  });
});
