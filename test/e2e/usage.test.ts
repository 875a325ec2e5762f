import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';

/**
 * The Usage page as an owner sees it: empty at first, then this month's totals and the
 * per-month and per-agent tables after a model answer (from a local scripted model server)
 * and an extractive one.
 */
describe('usage in the browser', () => {
  let models: ModelServer;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workspaceUrl: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    models = await startModelServer();
    [server, browser] = await Promise.all([
      startServer({
        OPENAI_API_KEY: 'sk-e2e-key',
        OPENAI_BASE_URL: models.openaiBaseURL,
        DEFAULT_MODEL: 'openai:gpt-4o-mini',
      }),
      launchBrowser(),
    ]);
    await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Root', email: 'root@usage.test', password }),
    });
    page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Name').fill('Olivia Owner');
    await page.getByLabel('Email').fill('owner@usage.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const links = await waitForMailLinks(server.dataDir, 'owner@usage.test', /Confirm your email/);
    await page.goto(links.find((l) => l.includes('verify-email'))!);
    await page.getByLabel('Workspace name').fill('Metered Co');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Metered Co' }).waitFor();
    workspaceUrl = new URL(page.url()).pathname;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await models?.close();
  });

  /** The owner's own session, as the dashboard calls the API. */
  function workspaceApi(): { request: APIRequestContext; headers: Record<string, string> } {
    return { request: page.request, headers: { origin: server.url, 'x-workspace-id': workspaceUrl.split('/').pop()! } };
  }

  async function ask(agentId: string, content: string) {
    const { request, headers } = workspaceApi();
    const conversation = await (
      await request.post(`${server.url}/api/v1/conversations`, { headers, data: { agentId } })
    ).json();
    const answer = await request.post(`${server.url}/api/v1/conversations/${conversation.conversation.id}/messages`, {
      headers,
      data: { content },
    });
    expect(answer.status()).toBe(200);
    return answer.json();
  }

  it('shows an empty state before any answer', async () => {
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { level: 1, name: 'Usage' }).waitFor();
    await page.getByRole('heading', { name: 'No usage yet' }).waitFor();
    await screenshot(page, 'usage-01-empty');
  });

  it('shows this month’s totals, months and agents after answers', async () => {
    const { request, headers } = workspaceApi();
    const create = async (data: Record<string, unknown>) =>
      (await (await request.post(`${server.url}/api/v1/agents`, { headers, data })).json()).agent.id as string;
    const support = await create({ name: 'Support bot', answerMode: 'generative' });
    const faq = await create({ name: 'FAQ bot', answerMode: 'extractive' });
    models.enqueue({ text: ['Happy', ' to', ' help'], usage: { inputTokens: 1_200, outputTokens: 300 } });
    expect((await ask(support, 'Hello')).usage).toMatchObject({ tokensIn: 1_200, tokensOut: 300, costUsd: 0.00036 });
    await ask(faq, 'Opening hours?');

    await page.reload();
    const month = page.getByRole('region', { name: /This month/ });
    await month.getByText('Messages').waitFor();
    expect(await month.locator('dd').allInnerTexts()).toEqual(['2', '1,200', '300', '$0.0004']);
    const agents = page.getByRole('table', { name: 'Usage by agent' });
    expect(await agents.locator('tbody tr').first().innerText()).toMatch(
      /Support bot[\s\S]*1[\s\S]*1,200[\s\S]*300[\s\S]*\$0\.0004/,
    );
    await agents.getByText('FAQ bot').waitFor();
    const byMonth = page.getByRole('table', { name: 'Usage by month' });
    expect(await byMonth.locator('tbody tr').count()).toBe(7); // six months and the total
    await screenshot(page, 'usage-02-totals');
  });
});
