import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

/**
 * The server is killed (SIGKILL) while the widget shows an answer streaming, and is back only
 * after several seconds, at the same address. The widget keeps sending the turn under the same
 * Idempotency-Key until the server answers it: the visitor ends with the answer, once.
 */
describe('the widget across a server crash', () => {
  let models: ModelServer;
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  const env = () => ({
    OPENAI_API_KEY: 'sk-test-e2e',
    OPENAI_BASE_URL: models.openaiBaseURL,
    DEFAULT_MODEL: 'openai:gpt-4o-mini',
    EMBEDDING_MODEL: 'none',
  });

  beforeAll(async () => {
    models = await startModelServer();
    [server, browser, site] = await Promise.all([startServer(env()), launchBrowser(), startSite()]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    await models?.close();
  });

  it('gets the answer a crash cut off once the server is back', async () => {
    const ws = await ownerWorkspace(server, 'crash');
    const widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { name: 'Crash talker', answerMode: 'generative' },
    });
    models.enqueue({ text: Array.from({ length: 60 }, (_, i) => `slow${i} `), tokenDelayMs: 200 });
    site.setPage(shopPage(widget.snippet));
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Crash talker' });
    await panel.getByRole('textbox').fill('Tell me everything');
    await page.keyboard.press('Enter');
    const answer = panel.locator('.sb-assistant:not(.sb-welcome) .sb-bubble');
    await answer.getByText('slow3', { exact: false }).waitFor();

    const { dataDir } = server;
    const port = new URL(server.url).port;
    server.process.kill('SIGKILL');
    await new Promise((resolve) => server.process.once('exit', resolve));
    // Down for longer than a few quick retries would cover.
    await page.waitForTimeout(8_000);
    server = await startServer({ ...env(), PORT: port }, dataDir);

    // The echo model answers the retry: "You said: …".
    await answer.getByText('You said: Tell me everything', { exact: false }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, 'widget-08-after-crash');
    expect((await answer.allTextContents()).map((t) => t.trim())).toEqual(['You said: Tell me everything']);
    expect(await panel.locator('.sb-user').count()).toBe(1);

    const list = await fetch(`${server.url}/api/v1/conversations?channel=widget`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    }).then((r) => r.json() as Promise<any>);
    const { messages } = await fetch(`${server.url}/api/v1/conversations/${list.conversations[0].id}`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    }).then((r) => r.json() as Promise<any>);
    expect(messages.map((m: any) => [m.role, m.status, m.content])).toEqual([
      ['user', 'complete', 'Tell me everything'],
      ['assistant', 'complete', 'You said: Tell me everything'],
    ]);
  }, 150_000);
});
