import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TelegramPeer } from '../../apps/server/test/support/channels/telegram-peer';
import { completeSetup, postJson, verifiedAccount } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * Messaging channels as an admin meets them: Channels → Connect a channel → a Telegram bot
 * connected against a local Bot API → a customer writes, the bot answers, the card's health
 * says so → the conversation carries a Telegram badge in the inbox → delete, after a
 * confirmation.
 */
describe('messaging channels in the browser', () => {
  let peer: TelegramPeer;
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    peer = await TelegramPeer.start();
    [server, browser] = await Promise.all([startServer({ TELEGRAM_API_URL: peer.url }), launchBrowser()]);
    await completeSetup(server);
    owner = await browser.newContext();
    await verifiedAccount(server, owner, 'Olivia Owner', 'owner@channels.test');
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

  it('connects a Telegram bot, shows its health, badges its conversations and deletes it', async () => {
    const token = peer.addBot('chat_inc_bot');
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { name: 'No messaging channel yet' }).waitFor();

    await page.getByRole('button', { name: 'Connect a channel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a messaging channel' });
    await dialog.getByText('@BotFather').first().waitFor();
    await dialog.getByLabel('Name').fill('Support bot');
    await dialog.getByLabel('Bot token').fill('123456:AAHnotaknownbotatallxxxxxxxxxxxx');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.getByText('Telegram: Unauthorized').waitFor();
    await dialog.getByLabel('Bot token').fill(token);
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Support bot').waitFor();
    expect(peer.webhookOf(token)?.url).toMatch(/\/api\/channels\/chn_[0-9a-z]{26}\/webhook$/);

    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected to @chat_inc_bot').waitFor();

    const update = peer.update({ id: 4242, first_name: 'Ana', username: 'ana' }, 'What are your opening hours?');
    expect((await peer.deliver(token, update)).status).toBe(200);
    const deadline = Date.now() + 15_000;
    while (peer.sent(token, 4242).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(peer.sent(token, 4242)[0]?.body.text).toContain('9:00');
    await page.reload();
    await expect
      .poll(async () => page.getByText('Last reply out').locator('xpath=following-sibling::dd[1]').textContent())
      .not.toBe('never');
    await screenshot(page, 'channels-01-health');

    await page.goto(`${server.url}/w/${workspaceId}/inbox?status=all&channel=telegram`);
    await page.getByText('Telegram', { exact: true }).first().waitFor();

    await page.goto(`${server.url}/w/${workspaceId}/channels`);
    await page.getByRole('button', { name: 'Delete channel Support bot' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this channel?' })
      .getByRole('button', { name: 'Delete channel' })
      .click();
    await page.getByRole('heading', { name: 'No messaging channel yet' }).waitFor();
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });
});
