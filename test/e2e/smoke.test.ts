import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

describe('a fresh installation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the first-run setup with the installation status', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(server.url);
    await page.waitForURL(/\/setup$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Set up Switchboard');
    await page.getByTestId('check-database').waitFor();
    expect(await page.getByTestId('check-database').textContent()).toBe('ok');
    expect(await page.getByTestId('check-redis').textContent()).toBe('not configured');
    await screenshot(page, 'smoke-dashboard');
    expect(errors).toEqual([]);
  });

  it('answers an unknown dashboard path with the app, and offers a way back', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: /back/i }).first().click();
    await page.waitForURL((url) => url.pathname !== '/no/such/page');
    expect(new URL(page.url()).pathname).not.toBe('/no/such/page');
  });

  it('renders the API reference from local files only', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url)) external.push(request.url());
    });
    await page.goto(`${server.url}/api/docs`);
    await page.getByText('Switchboard API').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'smoke-api-docs');
    expect(external.filter((u) => !u.startsWith('data:'))).toEqual([]);
  });
});
