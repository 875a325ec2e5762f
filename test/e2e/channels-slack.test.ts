import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SlackPeer } from '../../apps/server/test/support/channels/slack-peer';
import { completeSetup, postJson, verifiedAccount } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * Connecting a Slack app as an admin meets it: Channels → Connect a channel → Slack, its steps,
 * a wrong token refused in Slack's words, then connected against a local Web API → the card
 * shows the Request URL to paste, which answers Slack's url_verification → a message in a
 * channel is answered in its thread → the inbox badges the conversation "Slack".
 */
describe('connecting Slack in the browser', () => {
  let peer: SlackPeer;
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    peer = await SlackPeer.start();
    [server, browser] = await Promise.all([startServer({ SLACK_API_URL: peer.url }), launchBrowser()]);
    await completeSetup(server);
    owner = await browser.newContext();
    await verifiedAccount(server, owner, 'Olivia Owner', 'owner@slack-channels.test');
    workspaceId = (await postJson(owner.request, server, '/api/v1/workspaces', { name: 'Chat Inc' })).workspace.id;
    const headers = { 'x-workspace-id': workspaceId };
    await postJson(owner.request, server, '/api/v1/agents', { name: 'Helper' }, headers);
    await postJson(
      owner.request,
      server,
      '/api/v1/knowledge/qa',
      { question: 'What are your opening hours?', answer: 'We are open 9:00–17:00, Monday to Friday.' },
      headers,
    );
    page = await owner.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  it('connects a Slack app, shows the Request URL that answers Slack, and badges its conversations', async () => {
    const app = peer.addApp('Chat Inc');
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { name: 'No messaging channel yet' }).waitFor();

    await page.getByRole('button', { name: 'Connect a channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a messaging channel' });
    await dialog.getByLabel('Platform').selectOption('slack');
    await dialog.getByText('api.slack.com/apps').waitFor();
    await dialog.getByLabel('Name').fill('Team Slack');
    await dialog.getByLabel('Bot token').fill('xoxb-0-notaknowntoken');
    await dialog.getByLabel('Signing secret').fill(app.signingSecret);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.getByText('Slack: invalid_auth').waitFor();
    await dialog.getByLabel('Bot token').fill(app.botToken);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Team Slack').waitFor();
    await page.getByText('Paste this under Event Subscriptions → Request URL').waitFor();
    const webhookUrl = (await page.locator('code', { hasText: '/api/channels/' }).textContent())!;
    expect(webhookUrl).toMatch(/\/api\/channels\/chn_[0-9a-z]{26}\/webhook$/);
    await screenshot(page, 'channels-slack-01-connected');

    // What Slack does when the Request URL is pasted: a signed challenge.
    const check = await peer.deliver(webhookUrl, app.signingSecret, {
      token: 'x',
      challenge: 'slack-checks-this',
      type: 'url_verification',
    });
    expect(((await check.json()) as { challenge?: string }).challenge).toBe('slack-checks-this');

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected to @switchboard in Chat Inc').waitFor();

    const question = peer.message({ user: 'UANA', channel: 'C0000001', text: 'What are your opening hours?' });
    expect((await peer.deliver(webhookUrl, app.signingSecret, question)).status).toBe(200);
    await expect
      .poll(() => peer.posted(app.botToken, 'C0000001', question.event.ts).length, { timeout: 15_000 })
      .toBe(1);
    expect(peer.posted(app.botToken)[0]!.body.text).toContain('9:00');
    await page.reload();
    await expect
      .poll(async () => page.getByText('Last reply out').locator('xpath=following-sibling::dd[1]').textContent())
      .not.toBe('never');

    await page.goto(`${server.url}/w/${workspaceId}/inbox?status=all&channel=slack`);
    await page.getByText('Slack', { exact: true }).first().waitFor();
    await screenshot(page, 'channels-slack-02-inbox');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
