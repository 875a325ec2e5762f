import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

/**
 * The Analytics page as an owner sees it after two conversations (one answered, one handed
 * off by the API): the numbers, hand-offs by cause and the top questions, with their CSV.
 */
describe('analytics in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workspaceId: string;
  let apiKey: string;
  let agentId: string;

  const api = async (path: string, json?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return response.json() as Promise<any>;
  };

  async function ask(content: string): Promise<string> {
    const { conversation } = await api('/api/v1/conversations', { agentId, channel: 'api' });
    await api(`/api/v1/conversations/${conversation.id}/messages`, { content });
    return conversation.id as string;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const ws = await ownerWorkspace(server, 'analytics');
    ({ workspaceId, apiKey } = ws);
    ({ agentId } = await agentWithWidget(ws, {
      origins: ['https://shop.example.test'],
      qa: [['What are your opening hours?', 'We are open 9:00–17:00, Monday to Friday.']],
    }));
    await ask('What are your opening hours?');
    const second = await ask('What are your opening hours?');
    await api(`/api/v1/conversations/${second}/handoff`, { reason: 'Wants a person' });
    // Rollups follow the events in jobs: wait until they are in.
    for (let i = 0; i < 200; i++) {
      const { current } = await api('/api/v1/analytics/summary');
      if (current.conversations === 2 && current.handedOff === 1 && current.messages.visitor === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addCookies(ws.owner.cookieList());
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the numbers, the hand-offs by cause and the top questions', async () => {
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    const tile = (label: string) => page.locator('dl > div').filter({ has: page.getByText(label, { exact: true }) });
    expect(await tile('Conversations').locator('dd').first().innerText()).toBe('2');
    expect(await tile('Handed off').locator('dd').first().innerText()).toBe('1');
    expect(await tile('Conversations').locator('dd').nth(1).innerText()).toContain('new vs previous period');
    await page.getByRole('img', { name: '1 hand-off' }).waitFor();
    await page.getByText('Show the numbers').nth(1).click();
    const causes = page.getByRole('table', { name: '1 hand-off as a table' });
    expect(await causes.locator('tbody tr').first().innerText()).toMatch(/API\s+1/);
    const top = page.getByRole('table', { name: 'Top questions' });
    expect(await top.locator('tbody tr').first().innerText()).toMatch(/What are your opening hours\?\s+2/);
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Top questions' }).getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('top-questions.csv');
    await screenshot(page, 'analytics-01-page');
  });

  it('drills down from a number to the inbox', async () => {
    await page.getByRole('link', { name: /Handed off: 1, see the conversations/ }).click();
    await page.waitForURL(/\/inbox\?status=pending_human/);
  });

  it('opens an agent’s numbers from its page', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/agents/${agentId}`);
    await page.getByRole('link', { name: 'This agent’s analytics →' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    // The select shows the agent once the agents' names have arrived.
    const select = page.getByRole('combobox', { name: 'Agent' });
    await select.locator(`option[value="${agentId}"]`).waitFor({ state: 'attached' });
    expect(await select.inputValue()).toBe(agentId);
    const tile = page.locator('dl > div').filter({ has: page.getByText('Conversations', { exact: true }) });
    expect(await tile.locator('dd').first().innerText()).toBe('2');
  });

  it('shows an agent’s own numbers in its Analytics tab', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/agents/${agentId}`);
    await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 2, name: 'Last 30 days' }).waitFor();
    const tile = (label: string) => page.locator('dl > div').filter({ has: page.getByText(label, { exact: true }) });
    expect(await tile('Conversations').locator('dd').first().innerText()).toBe('2');
    expect(await tile('Handed off').locator('dd').first().innerText()).toBe('1');
  });
});
