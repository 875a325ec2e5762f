import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { ownerWorkspace } from './support/workspace';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const getComputedStyle: any;

/**
 * Channels → Website widget in the dashboard: the owner allows their site, changes the look
 * and sees it in the live preview before saving, pastes the snippet and finds the chat on the
 * site as configured; the identity secret is shown once; a replaced key stops the old snippet.
 */
describe('widget settings in the dashboard', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;

  beforeAll(async () => {
    [server, browser, site] = await Promise.all([startServer(), launchBrowser(), startSite()]);
    ws = await ownerWorkspace(server, 'settings');
    const created = await fetch(`${server.url}/api/v1/agents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Front desk',
        greeting: 'Welcome to Acme!',
        suggestedQuestions: ['Where is my order?'],
      }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
  });

  it('configures the widget with a live preview, and the site shows it as saved', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await context.addCookies(ws.owner.cookieList());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/w/${ws.workspaceId}/channels`);
    await page.getByRole('heading', { name: 'Website widget' }).waitFor();
    const preview = page.frameLocator('iframe[title="Live preview of the widget"]');
    await preview.getByText('Welcome to Acme!').waitFor();

    await page.getByLabel('Allowed origins').fill(site.url);
    await page.getByLabel('Brand colour', { exact: true }).fill('#0f766e');
    await page.getByLabel('Title').fill('Acme front desk');
    await expect
      .poll(() => preview.locator('.sb-head').evaluate((el) => getComputedStyle(el).backgroundColor))
      .toBe('rgb(15, 118, 110)');
    await preview.getByText('Acme front desk').waitFor();
    // The preview redrew on each change: the suggested questions are still shown once.
    expect(await preview.locator('.sb-chip', { hasText: 'Where is my order?' }).count()).toBe(1);
    await page.getByText('Text on it is white, contrast 5.5:1 (AA).').waitFor();
    await screenshot(page, 'widget-settings-01-preview');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Widget settings saved.').waitFor();

    const snippet = await page.locator('pre', { hasText: '<script' }).textContent();
    const key = /data-agent="(pk_[A-Za-z0-9]{32})"/.exec(snippet!)![1];
    expect(snippet).toBe(
      `<link rel="preload" href="${server.url}/api/widget/v1/${key}/config" as="fetch" crossorigin="anonymous">\n` +
        `<script src="${server.url}/widget.js" data-agent="${key}" crossorigin="anonymous" async></script>`,
    );
    site.setPage(shopPage(snippet!));
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(site.url);
    const launcher = visitor.getByRole('button', { name: 'Open chat' });
    await expect.poll(() => launcher.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(15, 118, 110)');
    await launcher.click();
    await visitor.getByRole('dialog', { name: 'Acme front desk' }).getByText('Welcome to Acme!').waitFor();

    // A new key: the old snippet stops working at once.
    await page.getByRole('button', { name: 'Replace key' }).click();
    await page
      .getByRole('dialog', { name: 'Replace the publishable key?' })
      .getByRole('button', { name: 'Replace key' })
      .click();
    await page.getByText('New key made. Update the snippet on your site.').waitFor();
    await expect.poll(() => page.locator('pre', { hasText: '<script' }).textContent()).not.toBe(snippet);
    const stale = await (await browser.newContext()).newPage();
    const messages: string[] = [];
    stale.on('console', (m) => m.type() === 'error' && messages.push(m.text()));
    await stale.goto(site.url);
    await expect
      .poll(() => messages.some((m) => m.startsWith('[Switchboard] No chat has this key (it may have been replaced)')))
      .toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the identity secret once, then only its last characters', async () => {
    const context = await browser.newContext();
    await context.addCookies(ws.owner.cookieList());
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${ws.workspaceId}/channels`);
    await page.getByText('No secret yet').waitFor();
    await page.getByRole('button', { name: 'Create secret' }).click();
    const secret = await page.getByLabel('Identity secret').inputValue();
    expect(secret).toMatch(/^idv_[A-Za-z0-9]{40}$/);
    await page.getByText(`••••${secret.slice(-4)}`).waitFor();
    await screenshot(page, 'widget-settings-02-identity');
    await page.reload();
    await page.getByText(`••••${secret.slice(-4)}`).waitFor();
    expect(await page.getByLabel('Identity secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await context.close();
  });
});
