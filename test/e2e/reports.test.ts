import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';
import { ownerWorkspace } from './support/workspace';

/**
 * Scheduling a report from the Analytics page: the form refuses a bad address, the report is
 * saved, "Send now" mails it (the mail the server wrote carries the live link), the log shows
 * it sent, and deleting asks first.
 */
describe('scheduled reports in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  const recipient = `manager-${Date.now().toString(36)}@example.test`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const ws = await ownerWorkspace(server, 'reports');
    workspaceId = ws.workspaceId;
    const context = await browser.newContext();
    await context.addCookies(ws.owner.cookieList());
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a report, sends it now and shows the send log', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/analytics`);
    const section = page.getByRole('region', { name: 'Reports by mail' });
    await section.getByText('No reports yet').waitFor();
    await section.getByRole('button', { name: 'Schedule a report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule a report' });
    await dialog.getByLabel('Name').fill('Monday numbers');
    await dialog.getByLabel('Recipients').fill('not-an-address');
    await dialog.getByRole('button', { name: 'Schedule report' }).click();
    await dialog.getByText('Not an e-mail address').waitFor();

    await dialog.getByLabel('Recipients').fill(recipient);
    await dialog.getByLabel('Leads').check();
    await dialog.getByRole('button', { name: 'Schedule report' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = section.getByRole('listitem', { name: 'Report Monday numbers' });
    await card.getByText('Scheduled').waitFor();
    expect(await card.innerText()).toContain(recipient);
    expect(await card.innerText()).toContain('Leads');

    await card.getByRole('button', { name: 'Send now' }).click();
    const log = card.getByRole('table', { name: 'Send log' });
    await log.getByText('Sent').waitFor({ timeout: 15_000 });
    expect(await log.locator('tbody tr').first().innerText()).toMatch(/Send now\s+Sent\s+/);
    const links = await waitForMailLinks(server.dataDir, recipient, /Monday numbers/);
    expect(links.some((l) => l.includes(`/w/${workspaceId}/analytics?from=`))).toBe(true);
    expect(links.some((l) => l.includes('/reports/unsubscribe?token='))).toBe(true);
    await screenshot(page, 'reports-01-sent');

    await card.getByRole('button', { name: 'Delete report Monday numbers' }).click();
    await page
      .getByRole('dialog', { name: 'Delete “Monday numbers”?' })
      .getByRole('button', { name: 'Delete report' })
      .click();
    await section.getByText('No reports yet').waitFor();
  });
});
