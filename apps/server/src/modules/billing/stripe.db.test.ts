import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signedInUser, TestClient, waitForMail } from '../../../test/support/client';
import { makeSuperAdmin } from '../accounts';
import { StripePeer } from '../../../test/support/billing/stripe-peer';
import { startTestRuntime, type TestRuntime } from '../../../test/support/runtime';
import { testWorkspace, type TestWorkspace } from '../../../test/support/workspace';
import { billingState, sellPlansInTests } from './test-support';

let peer: StripePeer;
let rt: TestRuntime;

beforeAll(async () => {
  peer = await StripePeer.start('whsec_test_billing');
  rt = await startTestRuntime({
    STRIPE_SECRET_KEY: 'sk_test_billing',
    STRIPE_WEBHOOK_SECRET: peer.webhookSecret,
    STRIPE_API_URL: peer.url,
  });
  await sellPlansInTests();
});
afterAll(async () => {
  await rt?.stop();
  await peer?.close();
});

/** The owner buys `planId` through Checkout; the peer completes it and Stripe's events arrive. */
async function subscribe(ws: TestWorkspace, planId = 'basic') {
  const checkout = await ws.owner.post('/api/v1/billing/checkout', { planId, interval: 'month' });
  expect(checkout.status).toBe(200);
  const sessionId = (checkout.body.url as string).split('/').at(-1)!;
  const { session, subscription } = peer.completeCheckout(sessionId);
  expect((await peer.deliver(rt.url, peer.event('checkout.session.completed', session))).status).toBe(200);
  expect((await peer.deliver(rt.url, peer.event('customer.subscription.created', subscription))).status).toBe(200);
  return { session, subscription };
}

describe('a Stripe subscription', () => {
  it('is bought, renewed, failed and recovered, cancelled at period end', async () => {
    const ws = await testWorkspace(rt, 'stripe-life');
    const checkout = await ws.owner.post('/api/v1/billing/checkout', { planId: 'basic', interval: 'month' });
    expect(checkout.status).toBe(200);
    expect(checkout.body.provider).toBe('stripe');
    const session = peer.sessions.get((checkout.body.url as string).split('/').at(-1)!)!;
    expect(session).toMatchObject({ mode: 'subscription', price: 'price_basic_month_1900', trial_period_days: 14 });
    expect(session.success_url).toMatch(/\/billing\?checkout=success$/);
    expect(peer.customers.has(session.customer)).toBe(true);

    const { subscription } = peer.completeCheckout(session.id);
    expect((await peer.deliver(rt.url, peer.event('checkout.session.completed', session))).status).toBe(200);
    let view = (await ws.owner.json('/api/v1/billing/subscription')).body;
    expect(view.providers).toEqual(['stripe']);
    expect(view.offers.map((o: { planId: string }) => o.planId)).toEqual(['basic', 'advanced']);
    expect(view.subscription).toMatchObject({
      provider: 'stripe',
      status: 'trialing',
      planId: 'basic',
      interval: 'month',
    });
    expect((await billingState(ws.id)).plan).toBe('basic');

    subscription.status = 'active';
    await peer.deliver(rt.url, peer.event('customer.subscription.updated', subscription));
    await peer.deliver(rt.url, peer.event('invoice.paid', peer.invoice(subscription, true)));
    const invoices = (await ws.owner.json('/api/v1/billing/invoices')).body.invoices;
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ amount: 1900, currency: 'usd', status: 'paid' });
    expect(invoices[0].number).toMatch(/^SB-\d{4}$/);
    expect(invoices[0].pdfUrl).toMatch(/\/pdf$/);

    const before = Date.now();
    await peer.deliver(rt.url, peer.event('invoice.payment_failed', peer.invoice(subscription, false)));
    view = (await ws.owner.json('/api/v1/billing/subscription')).body;
    expect(view.subscription).toMatchObject({ status: 'past_due', graceStage: 'reminding' });
    expect(view.subscription.restrictedFrom).not.toBeNull();
    const owner = (await rt
      .fetch('/api/auth/get-session', { headers: { cookie: ws.owner.cookieHeader() } })
      .then((r) => r.json())) as any;
    await waitForMail(rt, owner.user.email, /Payment failed/, before);
    expect((await billingState(ws.id)).plan).toBe('basic');

    await peer.deliver(rt.url, peer.event('invoice.paid', peer.invoice(subscription, true)));
    view = (await ws.owner.json('/api/v1/billing/subscription')).body;
    expect(view.subscription).toMatchObject({ status: 'active', graceStage: 'none', pastDueSince: null });

    const cancel = await ws.owner.post('/api/v1/billing/cancel', { cancelAtPeriodEnd: true });
    expect(cancel.status).toBe(200);
    expect(cancel.body.subscription).toMatchObject({ cancelAtPeriodEnd: true, status: 'active', planId: 'basic' });
    expect(peer.subscriptions.get(subscription.id)!.cancel_at_period_end).toBe(true);
    expect((await billingState(ws.id)).plan).toBe('basic');

    subscription.status = 'canceled';
    await peer.deliver(rt.url, peer.event('customer.subscription.deleted', subscription));
    const state = await billingState(ws.id);
    expect(state.plan).toBe('free');
    expect(state.sub!.status).toBe('canceled');
    expect(state.audit).toEqual(
      expect.arrayContaining([
        'billing.subscription_changed',
        'billing.payment_failed',
        'billing.reinstated',
        'workspace.plan_changed',
      ]),
    );
  });

  it('shows the prorated cost of a plan change before making it', async () => {
    const ws = await testWorkspace(rt, 'stripe-change');
    const { subscription } = await subscribe(ws, 'basic');
    const preview = await ws.owner.post('/api/v1/billing/change/preview', { planId: 'advanced', interval: 'month' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ currency: 'usd', proration: 1500, amountDue: 1500 + 4900 });
    const changed = await ws.owner.post('/api/v1/billing/change', {
      planId: 'advanced',
      interval: 'month',
      prorationDate: preview.body.prorationDate,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.subscription.planId).toBe('advanced');
    expect(peer.subscriptions.get(subscription.id)!.items.data[0].price.id).toBe('price_advanced_month_4900');
    expect((await billingState(ws.id)).plan).toBe('advanced');
    const portal = await ws.owner.post('/api/v1/billing/portal', {});
    expect(portal.status).toBe(200);
    expect(portal.body.url).toBe(`${peer.url}/portal`);
  });
});

describe('Stripe webhooks', () => {
  it('refuse a forged, unsigned or replayed delivery and store nothing', async () => {
    const ws = await testWorkspace(rt, 'stripe-forged');
    const { subscription } = await subscribe(ws);
    const before = await billingState(ws.id);
    const paid = peer.event('invoice.paid', peer.invoice(subscription, true));
    const forged = await peer.deliver(rt.url, paid, peer.sign(paid.payload, { secret: 'whsec_attacker' }));
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_signature');
    const tampered = peer.sign(paid.payload);
    expect(
      (await peer.deliver(rt.url, { payload: paid.payload.replace('"amount_paid":1900', '"amount_paid":1') }, tampered))
        .status,
    ).toBe(400);
    const stale = peer.sign(paid.payload, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await peer.deliver(rt.url, paid, stale)).status).toBe(400);
    const unsigned = await fetch(`${rt.url}/api/billing/stripe/webhook`, { method: 'POST', body: paid.payload });
    expect(unsigned.status).toBe(400);
    const after = await billingState(ws.id);
    expect(after.invoices).toHaveLength(before.invoices.length);
    expect(after.events).toBe(before.events);
  });

  it('apply the same event once', async () => {
    const ws = await testWorkspace(rt, 'stripe-twice');
    const { subscription } = await subscribe(ws);
    const failed = peer.event('invoice.payment_failed', peer.invoice(subscription, false));
    expect((await peer.deliver(rt.url, failed)).status).toBe(200);
    const once = await billingState(ws.id);
    expect((await peer.deliver(rt.url, failed)).status).toBe(200);
    const twice = await billingState(ws.id);
    expect(twice.audit.filter((a) => a === 'billing.payment_failed')).toHaveLength(1);
    expect(twice.events).toBe(once.events);
    expect(twice.invoices).toHaveLength(1);
  });

  it('never let an event naming one workspace’s customer touch another', async () => {
    const a = await testWorkspace(rt, 'stripe-a');
    const b = await testWorkspace(rt, 'stripe-b');
    const { subscription } = await subscribe(a);
    await subscribe(b, 'advanced');
    await peer.deliver(rt.url, peer.event('invoice.payment_failed', peer.invoice(subscription, false)));
    expect((await billingState(a.id)).sub!.status).toBe('past_due');
    const bState = await billingState(b.id);
    expect(bState.sub!.status).toBe('trialing');
    expect(bState.invoices).toHaveLength(0);
    expect((await b.owner.json('/api/v1/billing/invoices')).body.invoices).toEqual([]);
    const stranger = { ...subscription, id: 'sub_unknown', customer: 'cus_unknown' };
    expect((await peer.deliver(rt.url, peer.event('customer.subscription.deleted', stranger))).status).toBe(200);
    expect((await billingState(b.id)).plan).toBe('advanced');
    expect((await billingState(a.id)).plan).toBe('basic');
  });

  it('are only for owners in the dashboard: an API key is refused', async () => {
    const ws = await testWorkspace(rt, 'stripe-key');
    expect((await ws.api.json('/api/v1/billing/subscription')).status).toBe(403);
    expect((await ws.api.post('/api/v1/billing/checkout', { planId: 'basic', interval: 'month' })).status).toBe(403);
  });
});

describe('revenue', () => {
  it('sums paid invoices by month and plan, for platform administrators only', async () => {
    const ws = await testWorkspace(rt, 'stripe-revenue');
    const { subscription } = await subscribe(ws, 'advanced');
    await peer.deliver(rt.url, peer.event('invoice.paid', peer.invoice(subscription, true)));
    await peer.deliver(rt.url, peer.event('invoice.payment_failed', peer.invoice(subscription, false)));
    const person = await signedInUser(rt, 'revenue-admin');
    expect((await person.client.json('/api/admin/revenue')).status).toBe(403);
    await makeSuperAdmin(person.userId);
    const admin = new TestClient(rt);
    expect((await admin.signIn(person.email, PASSWORD)).status).toBe(200);
    const revenue = await admin.json('/api/admin/revenue');
    expect(revenue.status).toBe(200);
    const month = new Date().toISOString().slice(0, 7);
    const advanced = revenue.body.rows.find((r: any) => r.month === month && r.planId === 'advanced');
    expect(advanced).toMatchObject({ currency: 'usd' });
    expect(advanced.amount).toBe(4900 * advanced.invoices);
    expect(advanced.invoices).toBeGreaterThanOrEqual(1);
    expect((await ws.owner.json('/api/admin/revenue')).status).toBe(403);
  });
});
