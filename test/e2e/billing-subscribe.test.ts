import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { StripePeer } from '../../apps/server/test/support/billing/stripe-peer';
import { completeSetup, PASSWORD } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { ownerWorkspace, SessionClient } from './support/workspace';

/**
 * Paying in the browser: the platform administrator sells plan Basic through Stripe; a
 * workspace owner chooses it on the Billing page and is sent to Stripe Checkout (the local
 * peer). The peer has no payment page, so the customer's payment is played by the peer
 * itself: it completes the session and sends Stripe's signed events to the server. Back on
 * Billing the owner sees the plan, its meters, the subscription and its invoice, and cancels
 * at period end through the confirmation dialog.
 */
describe('subscribing to a plan in the browser', () => {
  let peer: StripePeer;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    peer = await StripePeer.start('whsec_test_e2e_billing');
    [server, browser] = await Promise.all([
      startServer({
        STRIPE_SECRET_KEY: 'sk_test_e2e_billing',
        STRIPE_WEBHOOK_SECRET: peer.webhookSecret,
        STRIPE_API_URL: peer.url,
        DEFAULT_PLAN: 'free',
      }),
      launchBrowser(),
    ]);
    await completeSetup(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  it('an owner buys Basic monthly through Checkout, sees it on Billing and cancels at period end', async () => {
    const admin = new SessionClient(server);
    await admin.json('/api/auth/sign-in/email', {
      method: 'POST',
      json: { email: 'root@acme.test', password: PASSWORD },
    });
    // No trial, so the subscription Checkout creates is active at once.
    await admin.json('/api/v1/admin/plans/basic', {
      method: 'PATCH',
      json: {
        trialDays: 0,
        prices: [{ interval: 'month', currency: 'usd', amount: 1900, stripePriceId: 'price_basic_month_1900' }],
      },
    });

    const ws = await ownerWorkspace(server, 'subscribe');
    const context = await browser.newContext();
    await context.addCookies(ws.owner.cookieList());
    const page = await context.newPage();
    const billingUrl = `${server.url}/w/${ws.workspaceId}/billing`;
    await page.goto(billingUrl);
    await expect.poll(() => page.getByTestId('plan-name').textContent()).toBe('Free');
    await expect.poll(() => page.getByTestId('meter-channels').textContent()).toContain('0 of 0');
    await page.getByText('No subscription yet: choose a plan below.').waitFor();

    await page.getByRole('radio', { name: 'Monthly' }).click();
    await page.getByRole('button', { name: 'Choose Basic' }).click();
    // The dashboard sends the owner to the Checkout session's URL on the (local) Stripe.
    await page.waitForURL((url) => url.href.startsWith(`${peer.url}/checkout/cs_test_`));
    const sessionId = new URL(page.url()).pathname.split('/').at(-1)!;
    const session = peer.sessions.get(sessionId)!;
    expect(session).toMatchObject({ mode: 'subscription', price: 'price_basic_month_1900', status: 'open' });

    // The customer pays: Stripe completes the session and tells the server, signed.
    const { subscription } = peer.completeCheckout(sessionId);
    for (const event of [
      peer.event('checkout.session.completed', session),
      peer.event('customer.subscription.created', subscription),
      peer.event('invoice.paid', peer.invoice(subscription, true)),
    ])
      expect((await peer.deliver(server.url, event)).status).toBe(200);

    // Stripe then sends the customer back to the success URL the server gave it.
    expect(session.success_url).toBe(`${billingUrl}?checkout=success`);
    await page.goto(session.success_url);
    await page.reload();
    await expect.poll(() => page.getByTestId('plan-name').textContent()).toBe('Basic');
    // Free allows no messaging channel, Basic one: the meters follow the new plan.
    const channels = page.getByTestId('meter-channels');
    await expect.poll(() => channels.textContent()).toContain('0 of 1');
    expect(await channels.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');

    const subscriptionSection = page.getByRole('region', { name: 'Basic · monthly' });
    await subscriptionSection.waitFor();
    await subscriptionSection.getByText('Active', { exact: true }).waitFor();
    await subscriptionSection.getByText(/^Renews on /).waitFor();
    await page.getByRole('button', { name: 'Current plan' }).waitFor();

    const invoices = page.getByRole('table', { name: 'Invoices' });
    const row = invoices.getByRole('row').filter({ hasText: /SB-\d{4}/ });
    await expect.poll(() => row.count()).toBe(1);
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[2]).toMatch(/19\.00/);
    expect(cells[3]).toBe('paid');
    expect(await row.getByRole('link', { name: 'Download' }).getAttribute('href')).toMatch(/\/pdf$/);
    await screenshot(page, 'billing-subscribed');

    await subscriptionSection.getByRole('button', { name: 'Cancel subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel the subscription?' });
    await dialog.getByText(/It stays active until /).waitFor();
    await dialog.getByRole('button', { name: 'Cancel at period end' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await subscriptionSection.getByText(/^Ends on .+; the workspace then returns to the free plan\.$/).waitFor();
    await subscriptionSection.getByRole('button', { name: 'Keep my subscription' }).waitFor();
    expect(peer.subscriptions.get(subscription.id)!.cancel_at_period_end).toBe(true);

    // Still on Basic until the period ends, after a reload too.
    await page.reload();
    await subscriptionSection.getByText(/^Ends on /).waitFor();
    await expect.poll(() => page.getByTestId('plan-name').textContent()).toBe('Basic');
    await screenshot(page, 'billing-cancelled-at-period-end');
  });
});
