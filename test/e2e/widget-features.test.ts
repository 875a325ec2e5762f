import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const window: any, localStorage: any;
type HTMLImageElement = any;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

/**
 * The rest of what a visitor and the host page can do: the page's JS API and its events, the
 * unread badge, suggested questions, attachments, a new conversation, asking for a person,
 * and a signed-in user (identity verification) finding their conversation on another device.
 */
describe('widget features', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;
  let widget: Awaited<ReturnType<typeof agentWithWidget>>;

  beforeAll(async () => {
    [server, browser, site] = await Promise.all([startServer(), launchBrowser(), startSite()]);
    ws = await ownerWorkspace(server, 'features');
    widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { greeting: 'Hello there.', suggestedQuestions: ['When are you open?'] },
      qa: [['What are your opening hours?', 'We are open 9:00–17:00, Monday to Friday.']],
    });
    site.setPage(shopPage(widget.snippet));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
  });

  const events = (page: Page) =>
    page.evaluate(() => {
      const log: Array<[string, unknown]> = ((window as any).events = []);
      for (const name of ['open', 'close', 'message', 'lead'])
        (window as any).Switchboard.on(name, (data: unknown) => log.push([name, data]));
    });
  const seen = (page: Page) => page.evaluate(() => (window as any).events as Array<[string, any]>);

  it('opens and closes from the page, reports what happens, and counts unread answers on the launcher', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await events(page);
    await page.evaluate(() => (window as any).Switchboard.open());
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByRole('button', { name: 'When are you open?' }).click();
    await page.evaluate(() => (window as any).Switchboard.close());
    await panel.waitFor({ state: 'hidden' });
    const badge = page.locator('[data-switchboard] .b');
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe('1');
    expect(await badge.isVisible()).toBe(true);
    await screenshot(page, 'widget-features-01-unread');
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();
    expect(await badge.isVisible()).toBe(false);
    const names = (await seen(page)).map(([name, data]) => (name === 'message' ? `message:${data.role}` : name));
    const log = await seen(page);
    // The visitor's message is reported once it is sent, which may be just after the close.
    expect([...names].sort()).toEqual(['close', 'message:assistant', 'message:user', 'open', 'open']);
    expect(names[0]).toBe('open');
    expect(names.at(-1)).toBe('open');
    expect(names.indexOf('close')).toBeLessThan(names.indexOf('message:assistant'));
    expect(log.find(([name, d]) => name === 'message' && d.role === 'assistant')![1].content).toContain('9:00–17:00');

    // After a reload the history is shown, not reported again as new messages.
    site.setPage(
      shopPage(
        widget.snippet,
        `<script>window.Switchboard = { q: [['on', 'message', (m) => (window.reported = window.reported || []).push(m.role)]] };</script>`,
      ),
    );
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();
    expect(await page.evaluate(() => (window as any).reported ?? [])).toEqual([]);
    await panel.getByRole('textbox').fill('When are you open?');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as any).reported ?? [])).toEqual(['user', 'assistant']);
    site.setPage(shopPage(widget.snippet));
  });

  it('sends an image the visitor attached, shows it, and starts a new conversation on request', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
    await panel.getByRole('button', { name: 'Remove receipt.png' }).waitFor();
    await panel.getByRole('textbox').fill('Here is my receipt');
    await page.keyboard.press('Enter');
    const image = panel.locator('.sb-user img[alt="receipt.png"]');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await panel.locator('.sb-assistant:not(.sb-welcome)').first().waitFor();
    const before = await page.evaluate((key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c, widget.publicKey);

    await panel.getByRole('button', { name: 'New conversation' }).click();
    expect(await panel.locator('.sb-user').count()).toBe(0);
    await panel.locator('.sb-welcome', { hasText: 'Hello there.' }).waitFor();
    await panel.getByRole('textbox').fill('When are you open?');
    await page.keyboard.press('Enter');
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();
    const after = await page.evaluate((key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c, widget.publicKey);
    expect(after).toMatch(/^conv_/);
    expect(after).not.toBe(before);
  });

  it('starts a new conversation while an answer is still on its way, and the box sends at once', async () => {
    const page = await (await browser.newContext()).newPage();
    // The first answer is held back (a slow model): the visitor gives up and starts again.
    let held = 0;
    await page.route('**/messages', async (route) => {
      if (route.request().method() === 'POST' && held++ === 0) return; // never answered
      await route.continue();
    });
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByRole('textbox').fill('Is anyone there?');
    await page.keyboard.press('Enter');
    await expect.poll(() => held).toBe(1);
    expect(await panel.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    await panel.getByRole('button', { name: 'New conversation' }).click();
    expect(await panel.locator('.sb-user').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Send' }).isDisabled()).toBe(false);
    await panel.getByRole('textbox').fill('When are you open?');
    await page.keyboard.press('Enter');
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();
    expect(await panel.locator('.sb-user .sb-bubble').allTextContents()).toEqual(['When are you open?']);
    expect(await panel.locator('.sb-event').count()).toBe(0);
  });

  it('asks for a person: the conversation waits for the team and says so', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByRole('textbox').fill('When are you open?');
    await page.keyboard.press('Enter');
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();
    await panel.getByRole('button', { name: 'Talk to a person' }).click();
    await panel.locator('.sb-event', { hasText: 'Waiting for a person to join…' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Talk to a person' }).count()).toBe(0);
    await screenshot(page, 'widget-features-02-waiting');
    const id = await page.evaluate((key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c, widget.publicKey);
    const stored = await fetch(`${server.url}/api/v1/conversations/${id}`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    }).then((r) => r.json() as Promise<any>);
    expect(stored.conversation.status).toBe('pending_human');
  });

  it('recognises a signed-in user of the site on another device, and nobody without the hash', async () => {
    const { secret } = await ws.owner.json('/api/v1/widget-identity/rotate', { method: 'POST' });
    const hash = createHmac('sha256', secret).update('customer-7').digest('hex');
    const identify = (h: string) =>
      `<script>window.Switchboard = { q: [['identify', { userId: 'customer-7', name: 'Grace', hash: '${h}' }]] };</script>`;
    site.setPage(shopPage(widget.snippet, identify(hash)));
    const laptop = await (await browser.newContext()).newPage();
    await laptop.goto(site.url);
    await laptop.getByRole('button', { name: 'Open chat' }).click();
    await laptop.getByRole('textbox').fill('When are you open?');
    await laptop.keyboard.press('Enter');
    await laptop.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).first().waitFor();

    const phone = await (await browser.newContext()).newPage();
    await phone.goto(site.url);
    await phone.getByRole('button', { name: 'Open chat' }).click();
    await phone.locator('.sb-user .sb-bubble', { hasText: 'When are you open?' }).waitFor();

    site.setPage(shopPage(widget.snippet, identify('0'.repeat(64))));
    const stranger = await (await browser.newContext()).newPage();
    const messages: string[] = [];
    stranger.on('console', (m) => messages.push(m.text()));
    await stranger.goto(site.url);
    await stranger.getByRole('button', { name: 'Open chat' }).click();
    await stranger.locator('.sb-welcome', { hasText: 'Hello there.' }).waitFor();
    await stranger.waitForTimeout(1000);
    expect(await stranger.locator('.sb-user', { hasText: 'When are you open?' }).count()).toBe(0);
    site.setPage(shopPage(widget.snippet));
  });
});
