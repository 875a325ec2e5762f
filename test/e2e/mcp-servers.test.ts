import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestMcpServer, type TestMcpServer } from '../../apps/server/test/support/mcp-server';
import { completeSetup, postJson, sessionApi, verifiedAccount } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * MCP servers as an admin meets them: the empty page → a loopback address refused → the SDK's
 * own MCP server connected with a token, its tools listed → one tool enabled in an agent's
 * settings → the server deleted after a confirmation.
 */
describe('MCP servers in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let agentId: string;
  let remote: TestMcpServer;
  const errors: string[] = [];

  beforeAll(async () => {
    remote = await startTestMcpServer();
    [server, browser] = await Promise.all([startServer({ EGRESS_ALLOW_CIDRS: '127.0.0.2/32' }), launchBrowser()]);
    await completeSetup(server);
    owner = await browser.newContext();
    await verifiedAccount(server, owner, 'Olivia Owner', 'owner@mcp.test');
    workspaceId = (await postJson(owner.request, server, '/api/v1/workspaces', { name: 'Tools Inc' })).workspace.id;
    agentId = (
      await postJson(owner.request, server, '/api/v1/agents', { name: 'Orders bot' }, { 'x-workspace-id': workspaceId })
    ).agent.id;
    page = await owner.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await remote?.close();
  });

  it('connects a server, lists its tools, enables one for an agent and deletes the server', async () => {
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'MCP servers' }).click();
    await page.getByRole('heading', { level: 1, name: 'MCP servers' }).waitFor();
    await page.getByRole('heading', { name: 'No MCP servers yet' }).waitFor();

    await page.getByRole('button', { name: 'Connect server' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Connect an MCP server' });
    await dialog.getByLabel('Name').fill('orders');
    await dialog.getByLabel('URL').fill('http://127.0.0.1:9/mcp');
    await dialog.getByLabel('Bearer token').fill('e2e-token-abcd');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.getByText('Private, loopback and link-local addresses are refused').waitFor();
    await dialog.getByLabel('URL').fill(remote.url);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    const tools = page.getByRole('list', { name: 'Tools of orders' });
    await tools.getByText('lookup_order').waitFor();
    await page.getByText('Bearer token ••••abcd').waitFor();
    expect(remote.authorizations.at(-1)).toBe('Bearer e2e-token-abcd');
    await screenshot(page, 'mcp-01-server');

    await page.goto(`${server.url}/w/${workspaceId}/agents/${agentId}`);
    const section = page.getByRole('region', { name: 'MCP tools' });
    // Saved at once, then shown from the server's answer.
    const box = section.getByLabel('orders__lookup_order');
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    await expect
      .poll(
        async () =>
          (await sessionApi(server, owner, workspaceId).get('/api/v1/mcp-servers')).body.mcpServers[0].agentTools,
      )
      .toEqual({ [agentId]: ['lookup_order'] });
    await screenshot(page, 'mcp-02-agent');

    await page.goto(`${server.url}/w/${workspaceId}/mcp-servers`);
    await page.getByRole('button', { name: 'Delete MCP server orders' }).click();
    await page.getByRole('dialog', { name: 'Delete orders?' }).getByRole('button', { name: 'Delete server' }).click();
    await page.getByRole('heading', { name: 'No MCP servers yet' }).waitFor();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
