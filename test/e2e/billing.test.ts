import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, PASSWORD, postJson } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { ownerWorkspace } from './support/workspace';

/**
 * Plans in the browser: the platform administrator puts a workspace on a plan from the
 * workspace's page in the admin console; its owner's Billing page then shows that plan, its
 * meters with progress bars and its features; a create past the limit links to Billing.
 */
describe('plans and billing in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await completeSetup(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the admin sets a plan; the owner sees its meters, and a refused create links to Billing', async () => {
    const ws = await ownerWorkspace(server, 'billing');
    await ws.owner.json('/api/v1/agents', { method: 'POST', json: { name: 'First agent' } });

    const adminContext = await browser.newContext();
    await postJson(adminContext.request, server, '/api/auth/sign-in/email', {
      email: 'root@acme.test',
      password: PASSWORD,
    });
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/admin/tenants/${ws.workspaceId}`);
    await admin.getByLabel('Plan of this workspace').selectOption('basic');
    await admin.getByRole('button', { name: 'Change plan' }).click();
    await admin.getByText('Plan changed.').waitFor();
    await admin.goto(`${server.url}/admin/plans`);
    await admin.getByRole('button', { name: 'Edit Advanced' }).waitFor();
    await screenshot(admin, 'admin-plans');

    const ownerContext = await browser.newContext();
    await ownerContext.addCookies(ws.owner.cookieList());
    const page = await ownerContext.newPage();
    await page.goto(`${server.url}/w/${ws.workspaceId}/billing`);
    await expect.poll(() => page.getByTestId('plan-name').textContent()).toBe('Basic');
    const agents = page.getByTestId('meter-agents');
    await expect.poll(() => agents.textContent()).toContain('1 of 1');
    expect(await agents.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await screenshot(page, 'billing-page');

    await page.goto(`${server.url}/w/${ws.workspaceId}/agents`);
    await page.getByRole('button', { name: 'Create agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create agent' });
    await dialog.getByLabel('Name').fill('Second agent');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    const link = page.getByRole('link', { name: 'See your plan and its limits on the Billing page' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/w/${ws.workspaceId}/billing`);
  });
});
