import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startReceiver, verify, waitFor, type Receiver } from '../../apps/server/test/support/webhook-receiver';
import { completeSetup, postJson, verifiedAccount } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * Webhooks as an admin meets them: the empty page → an endpoint added in the browser, its
 * secret shown once → "Send test event" reaches a real receiver, whose signature the official
 * `standardwebhooks` package accepts with the secret the page showed → the delivery log →
 * delete, after a confirmation.
 */
describe('webhooks in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let receiver: Receiver;
  const errors: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    [server, browser] = await Promise.all([startServer({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32' }), launchBrowser()]);
    await completeSetup(server);
    owner = await browser.newContext();
    await verifiedAccount(server, owner, 'Olivia Owner', 'owner@hooks.test');
    workspaceId = (await postJson(owner.request, server, '/api/v1/workspaces', { name: 'Hooks Inc' })).workspace.id;
    page = await owner.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('adds an endpoint, shows its secret once, sends a verifiable test event and deletes it', async () => {
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();

    await page.getByRole('button', { name: 'Add endpoint' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add endpoint' });
    await dialog.getByLabel('URL').fill('http://127.0.0.1:9/internal');
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await dialog.getByText('Private, loopback and link-local addresses are refused').waitFor();
    await dialog.getByLabel('URL').fill(receiver.url);
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    const shown = page.getByRole('dialog', { name: 'Endpoint added' });
    const secret = await shown.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, 'webhooks-01-secret');
    await shown.getByRole('button', { name: 'I’ve saved the secret' }).click();

    await page.getByRole('button', { name: 'Send test event' }).click();
    const got = await waitFor(() => receiver.received[0], 'the test event');
    expect(verify(secret, got)).toMatchObject({ type: 'webhook.test' });
    await page.getByRole('table', { name: 'Deliveries' }).getByText('succeeded').waitFor();
    await screenshot(page, 'webhooks-02-log');

    await page.getByRole('button', { name: `Delete endpoint ${receiver.url}` }).click();
    await page
      .getByRole('dialog', { name: 'Delete this endpoint?' })
      .getByRole('button', { name: 'Delete endpoint' })
      .click();
    await page.getByRole('heading', { name: 'No endpoints yet' }).waitFor();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
