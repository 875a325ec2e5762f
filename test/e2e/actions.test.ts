import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { completeSetup, postJson, verifiedAccount } from './support/accounts';
import { startActionReceiver, type ActionReceiver } from '../../apps/server/test/support/action-receiver';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { FAKE_KEY } from '../../apps/server/test/support/model-server/harness';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

const TOKEN = 'sk_live_e2e_0123456789abcdef';

/**
 * An action that needs the visitor's confirmation, in the browser: the model (a scripted
 * server) asks for a refund, the widget shows what will happen with Confirm and Cancel, the
 * card is there again after a reload, and Confirm makes the one call and the bot continues.
 */
describe('action confirmation in the widget', () => {
  let server: RunningServer;
  let models: ModelServer;
  let receiver: ActionReceiver;
  let browser: Browser;
  let site: Site;
  let snippet: string;

  beforeAll(async () => {
    [models, receiver] = await Promise.all([startModelServer(), startActionReceiver()]);
    [server, browser, site] = await Promise.all([
      startServer({
        OPENAI_API_KEY: FAKE_KEY,
        OPENAI_BASE_URL: models.openaiBaseURL,
        DEFAULT_MODEL: 'openai:gpt-4o-mini',
        EGRESS_ALLOW_CIDRS: '127.0.0.2/32',
      }),
      launchBrowser(),
      startSite(),
    ]);
    await completeSetup(server);
    const ws = await ownerWorkspace(server, 'actions');
    const { action } = await ws.owner.json('/api/v1/actions', {
      method: 'POST',
      json: {
        name: 'refund_order',
        description: 'Refund an order in full',
        inputSchema: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        method: 'POST',
        url: `${receiver.origin}/refunds`,
        bodyTemplate: '{"order": {{input.orderId}}}',
        requiresConfirmation: true,
      },
    });
    ({ snippet } = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { answerMode: 'generative', tools: { actionIds: [action.id] } },
    }));
    site.setPage(shopPage(snippet));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    await models?.close();
    await receiver?.close();
  });

  it('shows what will happen, survives a reload, and runs once on Confirm', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    models.enqueue(
      { toolCall: { name: 'refund_order', arguments: { orderId: 'E-17' } } },
      { text: ['Please confirm the refund of order E-17.'] },
    );
    await panel.getByRole('textbox', { name: 'Write a message…' }).fill('Please refund order E-17');
    await page.keyboard.press('Enter');
    const card = panel.getByRole('group').filter({ hasText: `POST ${receiver.origin}/refunds` });
    await card.waitFor();
    expect(await card.textContent()).toContain('{"order": "E-17"}');
    expect(receiver.calls).toHaveLength(0);
    await screenshot(page, 'actions-01-confirm');

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await card.waitFor();
    models.enqueue({ text: ['Done: order E-17 is refunded.'] });
    await card.getByRole('button', { name: 'Confirm' }).click();
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'order E-17 is refunded' }).waitFor();
    await card.waitFor({ state: 'detached' });
    expect(receiver.calls.map((c) => [c.method, c.url, c.body])).toEqual([['POST', '/refunds', '{"order": "E-17"}']]);
    const system = JSON.stringify(models.requests.at(-1)!.body);
    expect(system).toContain('action_outcomes');
    await screenshot(page, 'actions-02-done');
  });

  it('adds an action in the dashboard, keeps its secret masked, tests it and deletes it', async () => {
    const context = await browser.newContext();
    await verifiedAccount(server, context, 'Ada Admin', 'ada@actions.test');
    const workspaceId = (await postJson(context.request, server, '/api/v1/workspaces', { name: 'Acts Inc' })).workspace
      .id as string;
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { name: 'No actions yet' }).waitFor();

    await page.getByRole('button', { name: 'Add action' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add action' });
    await dialog.getByLabel('Name').fill('Order Status');
    await dialog.getByLabel('Description for the model').fill('Look up an order by its number');
    await dialog.getByLabel('URL').fill(`${receiver.origin}/orders/{{input.orderId}}`);
    await dialog.getByRole('button', { name: 'Add header' }).click();
    await dialog.getByLabel('Name').nth(1).fill('Authorization');
    await dialog.getByLabel('Value').fill(`Bearer ${TOKEN}`);
    await dialog.getByLabel('Response fields to keep').fill('order.status');
    await dialog.getByRole('button', { name: 'Add action' }).click();
    await dialog.getByText('Use lowercase letters').waitFor();
    await dialog.getByLabel('Name').first().fill('order_status');
    await dialog.getByRole('button', { name: 'Add action' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Secret headers').waitFor();
    expect(await page.content()).not.toContain(TOKEN);

    receiver.calls.length = 0;
    await page.getByRole('button', { name: 'Test action' }).click();
    await page.getByLabel('Input (JSON)').fill('{"orderId": "A 1"}');
    await page.getByRole('button', { name: 'Run test' }).click();
    const result = page.getByLabel('Test result');
    await result.getByText('"order.status": "shipped"').waitFor();
    expect(receiver.calls.map((c) => [c.url, c.headers.authorization])).toEqual([['/orders/A%201', `Bearer ${TOKEN}`]]);
    await screenshot(page, 'actions-03-dashboard');

    await page.getByRole('button', { name: 'Delete action order_status' }).click();
    await page
      .getByRole('dialog', { name: 'Delete order_status?' })
      .getByRole('button', { name: 'Delete action' })
      .click();
    await page.getByRole('heading', { name: 'No actions yet' }).waitFor();
    expect(errors).toEqual([]);
  });
});
