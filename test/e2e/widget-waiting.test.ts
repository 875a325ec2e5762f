import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const localStorage: any;

/**
 * Never a stranded visitor, as the visitor and a member live it: the visitor asks for a person
 * while nobody from the team is online → the widget says so honestly and shows the contact
 * form, which the visitor fills → the bot keeps answering their questions meanwhile → a member
 * opens the inbox and takes the conversation → the bot stops: the visitor's next message gets
 * no bot answer, and the member sees it. Then the visitor leaves: the member's reply reaches them
 * by mail, and its link opens the same conversation, with its history, in another browser.
 */
describe('waiting for a person with nobody online', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;
  let widget: Awaited<ReturnType<typeof agentWithWidget>>;

  beforeAll(async () => {
    // A reply to a visitor who left is mailed two seconds after it (60 by default).
    [server, browser, site] = await Promise.all([
      startServer({ VISITOR_REPLY_MAIL_DELAY_SECONDS: '2' }),
      launchBrowser(),
      startSite(),
    ]);
    ws = await ownerWorkspace(server, 'waiting', { name: 'Mia Member' });
    widget = await agentWithWidget(ws, {
      origins: [site.url],
      qa: [['What are your opening hours?', 'We are open 9:00–17:00, Monday to Friday.']],
    });
    site.setPage(shopPage(widget.snippet));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
  });

  const messagesOf = async (id: string) =>
    (
      (await (
        await fetch(`${server.url}/api/v1/conversations/${id}`, { headers: { authorization: `Bearer ${ws.apiKey}` } })
      ).json()) as any
    ).messages as Array<{ role: string; content: string }>;

  it('tells the visitor, takes their contact, keeps answering, and stops once a member takes over', async () => {
    const errors: string[] = [];
    const visitor = await (await browser.newContext()).newPage();
    visitor.on('pageerror', (error) => errors.push(error.message));
    await visitor.goto(site.url);
    await visitor.getByRole('button', { name: 'Open chat' }).click();
    const panel = visitor.getByRole('dialog', { name: 'Shop helper' });

    // Nobody is online: the visitor hears it, honestly, and gets the contact form.
    await panel.getByRole('textbox').fill('I would like to talk to a person please');
    await visitor.keyboard.press('Enter');
    await panel.locator('.sb-event', { hasText: 'Waiting for a person to join…' }).waitFor();
    await panel
      .locator('.sb-assistant .sb-bubble', { hasText: 'Nobody from our team is online right now' })
      .waitFor({ timeout: 15_000 });
    const form = panel.locator('form.sb-lead');
    await form.waitFor();
    await screenshot(visitor, 'widget-waiting-01-nobody-online');
    await form.getByLabel('Email').fill('vera@example.test');
    await form.getByRole('button', { name: 'Send' }).click();
    await panel.locator('.sb-event', { hasText: 'Thanks! We will be in touch.' }).waitFor();
    const id = await visitor.evaluate(
      (key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c as string,
      widget.publicKey,
    );
    const leads = (await (
      await fetch(`${server.url}/api/v1/leads?conversationId=${id}`, {
        headers: { authorization: `Bearer ${ws.apiKey}` },
      })
    ).json()) as any;
    expect(leads.leads).toEqual([expect.objectContaining({ email: 'vera@example.test' })]);

    // The bot keeps answering while the conversation waits.
    await panel.getByRole('textbox').fill('When are you open?');
    await visitor.keyboard.press('Enter');
    await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).waitFor();
    await screenshot(visitor, 'widget-waiting-02-bot-answers');

    // A member opens the inbox and takes the conversation.
    const memberContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await memberContext.addCookies(ws.owner.cookieList());
    const member = await memberContext.newPage();
    member.on('pageerror', (error) => errors.push(error.message));
    await member.goto(`${server.url}/w/${ws.workspaceId}/inbox/${id}`);
    const log = member.getByRole('log', { name: 'Conversation' });
    await log.getByText('When are you open?').waitFor();
    await member.getByRole('button', { name: 'Take over' }).click();
    await member.getByText('Mia Member took over').waitFor();
    await panel.locator('.sb-event', { hasText: 'Mia Member joined the conversation' }).waitFor();

    // The bot stops: the visitor's next message reaches the member, and nothing answers it.
    const before = (await messagesOf(id)).length;
    await panel.getByRole('textbox').fill('What are your opening hours on Saturday?');
    await visitor.keyboard.press('Enter');
    await log.getByText('What are your opening hours on Saturday?').waitFor();
    await screenshot(member, 'widget-waiting-03-member-sees-it');
    const after = await messagesOf(id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ role: 'user', content: 'What are your opening hours on Saturday?' });
    expect(await panel.locator('.sb-assistant .sb-bubble', { hasText: 'We are open 9:00–17:00' }).count()).toBe(1);

    // The visitor closes the page; the member's reply goes to them by mail.
    await visitor.context().close();
    await member.getByRole('list', { name: 'Conversations' }).getByLabel('Visitor gone').waitFor();
    await member.getByLabel('Reply to the visitor').fill('On Saturdays we are closed, Vera. See you Monday!');
    await member.getByRole('button', { name: 'Send reply' }).click();
    const links = await waitForMailLinks(server.dataDir, 'vera@example.test', /New reply from waiting workspace/);
    const link = links.find((l) => l.includes('/chat/resume/'))!;
    expect(link).toBeDefined();

    // The link, in a browser that never saw the chat: the same conversation, its history, and it goes on.
    const back = await (await browser.newContext()).newPage();
    back.on('pageerror', (error) => errors.push(error.message));
    await back.goto(link);
    await back.getByText('On Saturdays we are closed, Vera. See you Monday!').waitFor();
    await back.getByText('What are your opening hours on Saturday?').waitFor();
    await screenshot(back, 'widget-waiting-04-resumed');
    await back.getByRole('textbox').fill('Thanks, see you Monday');
    await back.keyboard.press('Enter');
    await log.getByText('Thanks, see you Monday').waitFor();
    expect((await messagesOf(id)).at(-1)).toMatchObject({ role: 'user', content: 'Thanks, see you Monday' });
    const forged = await fetch(`${server.url}/chat/resume/${link.split('/chat/resume/')[1]!.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(403);
    expect(errors).toEqual([]);
  });
});
