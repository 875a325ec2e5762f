import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { launchBrowser, screenshot } from './support/browser';
import { startDropProxy, type DropProxy } from './support/proxy';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

/**
 * A visitor on a flaky network: every connection is cut while an answer is streaming. The
 * widget reconnects, resumes after the last message it saw, and ends with the whole answer
 * once: nothing lost, nothing twice.
 */
describe('the widget on a dropped connection', () => {
  let models: ModelServer;
  let server: RunningServer;
  let proxy: DropProxy;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;

  beforeAll(async () => {
    models = await startModelServer();
    [server, browser, site] = await Promise.all([
      startServer({
        OPENAI_API_KEY: 'sk-test-e2e',
        OPENAI_BASE_URL: models.openaiBaseURL,
        DEFAULT_MODEL: 'openai:gpt-4o-mini',
        EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      }),
      launchBrowser(),
      startSite(),
    ]);
    proxy = await startDropProxy(server.url);
    ws = await ownerWorkspace(server, 'flaky');
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await proxy?.close();
    await server?.stop();
    await models?.close();
  });

  it('resumes mid-answer without losing or repeating anything', async () => {
    const widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { name: 'Slow talker', answerMode: 'generative', greeting: 'Hello!' },
    });
    const words = Array.from({ length: 40 }, (_, i) => `part${i}`);
    models.enqueue({ text: words.map((w) => `${w} `), tokenDelayMs: 60 });
    // The snippet points at the proxy: every call the widget makes goes through it.
    site.setPage(shopPage(widget.snippet.replace(server.url, proxy.url)));
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Slow talker' });
    await panel.getByRole('textbox').fill('Tell me everything');
    await page.keyboard.press('Enter');
    const answer = panel.locator('.sb-assistant:not(.sb-welcome) .sb-bubble');
    await answer.getByText('part5', { exact: false }).waitFor();
    const partial = await answer.textContent();
    expect(partial).not.toContain('part39');
    expect(proxy.dropAll()).toBeGreaterThan(0);
    await answer.getByText('part39', { exact: false }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, 'widget-07-resumed');
    expect((await answer.allTextContents()).map((t) => t.trim())).toEqual([words.join(' ')]);
    expect(await panel.locator('.sb-user').count()).toBe(1);

    // The server has it once too, and the model was asked once.
    const list = await fetch(`${server.url}/api/v1/conversations?channel=widget`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    }).then((r) => r.json() as Promise<any>);
    const id = list.conversations[0].id;
    const { messages } = await fetch(`${server.url}/api/v1/conversations/${id}`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    }).then((r) => r.json() as Promise<any>);
    expect(messages.map((m: any) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(messages[1].content.trim()).toBe(words.join(' '));
    expect(models.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);

    // A reload after all that still shows the conversation once.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await answer.getByText('part39', { exact: false }).waitFor();
    expect(await answer.count()).toBe(1);
    expect(await panel.locator('.sb-user').count()).toBe(1);
  });
});
