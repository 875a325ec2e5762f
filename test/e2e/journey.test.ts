import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { e2eDatabase, type E2eDatabase } from './support/database';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const localStorage: any;

/**
 * The whole way from a visitor to a person and back, with the real built widget on a shop's
 * page (another origin) in one browser context and a signed-in member in the dashboard's inbox
 * in another: cited bot answer → "Talk to a person" → live in the inbox → takeover → the
 * member's name and typing in the widget → replies both ways → release → the bot again →
 * close → the visitor's rating, seen by the team. And outside business hours: the visitor is
 * told when to expect a person and leaves contact details, which reach the Leads page.
 */
describe('the visitor-to-human journey', () => {
  let server: RunningServer;
  let database: E2eDatabase | null;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;
  let widget: Awaited<ReturnType<typeof agentWithWidget>>;
  let memberContext: BrowserContext;
  let member: Page;
  const memberErrors: string[] = [];

  beforeAll(async () => {
    // On PostgreSQL too when TEST_DATABASE_URL is set (CI).
    database = await e2eDatabase();
    [server, browser, site] = await Promise.all([
      startServer(database ? { DATABASE_URL: database.url } : {}),
      launchBrowser(),
      startSite(),
    ]);
    ws = await ownerWorkspace(server, 'journey', { name: 'Mia Member' });
    widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { greeting: 'Hi! Ask me about our shop.' },
      qa: [
        ['What are your opening hours?', 'We are open **9:00–17:00**, Monday to Friday.'],
        ['Do you ship abroad?', 'Yes, we ship to the whole EU and the UK.'],
      ],
      widget: {
        leadForm: {
          enabled: true,
          when: 'on_demand',
          fields: [
            { key: 'name', label: 'Name', required: true },
            { key: 'email', label: 'Email', type: 'email', required: true },
          ],
          consent: { text: 'I agree to be contacted.', required: true },
        },
      },
    });
    site.setPage(shopPage(widget.snippet));
    memberContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await memberContext.addCookies(ws.owner.cookieList());
    member = await memberContext.newPage();
    member.on('pageerror', (error) => memberErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    await database?.drop();
  });

  /** A visitor on the shop's page with the widget open; what went wrong on the page is collected. */
  async function visitor(title = 'Shop helper'): Promise<{ page: Page; panel: Locator; errors: string[] }> {
    const page = await (
      await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 800 } })
    ).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: title });
    await panel.getByRole('textbox', { name: 'Write a message…' }).waitFor();
    return { page, panel, errors };
  }

  async function say(page: Page, panel: Locator, text: string) {
    await panel.getByRole('textbox', { name: 'Write a message…' }).fill(text);
    await page.keyboard.press('Enter');
  }

  /** The bot's and the team's answers in the widget (not the greeting, not the typing dots). */
  const answers = (panel: Locator) => panel.locator('.sb-assistant:not(.sb-welcome):not(.sb-typing)');
  const conversationOf = (page: Page) =>
    page.evaluate((key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c as string, widget.publicKey);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json', ...init.headers },
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('takes the visitor from a cited bot answer to a person, back to the bot, and to a rating the team sees', async () => {
    await member.goto(`${server.url}/w/${ws.workspaceId}/inbox`);
    await member.getByText('Nothing here right now').waitFor();
    const inboxList = member.getByRole('list', { name: 'Conversations' });
    // The open inbox has told the server the member is online (its heartbeat): only then does a
    // hand-off promise a person; with nobody online the visitor is told so instead.
    await expect
      .poll(async () => {
        const res = await member.request.get(`${server.url}/api/v1/inbox/members`, {
          headers: { 'x-workspace-id': ws.workspaceId! },
        });
        return ((await res.json()) as any).members?.some((m: any) => m.status === 'online') ?? false;
      })
      .toBe(true);

    // The bot answers with its source.
    const { page, panel, errors } = await visitor();
    await say(page, panel, 'What are your opening hours?');
    await answers(panel).locator('strong', { hasText: '9:00–17:00' }).waitFor();
    await panel.getByRole('button', { name: 'Sources (1)' }).click();
    await panel.locator('.sb-sources li').first().waitFor();
    await screenshot(page, 'journey-01-bot-answer');
    const conversationId = await conversationOf(page);
    expect(await inboxList.getByRole('link').count()).toBe(0);

    // "Talk to a person": the widget says someone is coming; the inbox shows it without a reload.
    await panel.getByRole('button', { name: 'Talk to a person' }).click();
    await panel.getByText('Waiting for a person to join…').first().waitFor();
    await answers(panel).filter({ hasText: 'connecting you with a person' }).waitFor();
    const row = inboxList.getByRole('link', { name: /What are your opening hours/ });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('Waiting');
    await screenshot(member, 'journey-02-inbox-waiting');

    // The member takes over: the widget names who joined.
    await row.click();
    const log = member.getByRole('log', { name: 'Conversation' });
    await log.getByText('We are open **9:00–17:00**, Monday to Friday.').waitFor();
    await member.getByRole('button', { name: 'Take over' }).click();
    await log.getByText('Mia Member took over').waitFor();
    await panel.getByText('Mia Member joined the conversation').waitFor();
    await expect.poll(() => panel.locator('.sb-who span').textContent()).toBe('Mia Member');
    const answersBeforeHuman = await answers(panel).count();

    // The member types: the widget shows it; the reply arrives live and the dots go.
    const reply = member.getByLabel('Reply to the visitor');
    await reply.pressSequentially('Hi, Mia here. How can I help?', { delay: 20 });
    const typing = panel.getByRole('status', { name: 'Mia Member is typing…' });
    await typing.waitFor();
    await screenshot(page, 'journey-03-member-typing');
    await member.getByRole('button', { name: 'Send reply' }).click();
    await panel.locator('.sb-human', { hasText: 'Hi, Mia here. How can I help?' }).waitFor();
    await typing.waitFor({ state: 'detached' });
    // The header still names who the visitor is talking to after later events; so do screen readers.
    expect(await panel.locator('.sb-who span').textContent()).toBe('Mia Member');
    expect(await panel.locator('.sb-human .sr-only').textContent()).toBe('Mia Member: ');
    await expect
      .poll(() => panel.locator('[aria-live=polite]').textContent())
      .toBe('Mia Member: Hi, Mia here. How can I help?');
    await screenshot(page, 'journey-04-human-reply');

    // The visitor answers; the member sees them typing, then the message, live.
    await panel
      .getByRole('textbox', { name: 'Write a message…' })
      .pressSequentially('Where is my order 1234?', { delay: 20 });
    await log.getByText('The visitor is typing…').waitFor();
    await page.keyboard.press('Enter');
    await log.getByText('Where is my order 1234?').waitFor();
    await screenshot(member, 'journey-05-inbox-visitor-reply');
    // While Mia owns the conversation the bot stays silent: in the widget and in what is stored.
    await page.waitForTimeout(1500);
    expect(await answers(panel).count()).toBe(answersBeforeHuman);
    const stored = (await api(`/api/v1/conversations/${conversationId}/messages`)).body.messages as Array<{
      role: string;
      content: string;
    }>;
    const afterQuestion = stored.slice(stored.findIndex((m) => m.content === 'Where is my order 1234?'));
    expect(afterQuestion.map((m) => m.role)).toEqual(['user']);

    // Back to the bot: the visitor's next question gets a bot answer again.
    await member.getByRole('button', { name: 'Release to bot' }).click();
    await log.getByText('Mia Member handed it back to the bot').waitFor();
    await panel.getByText('You are chatting with the assistant again').waitFor();
    await say(page, panel, 'Do you ship abroad?');
    await answers(panel).filter({ hasText: 'we ship to the whole EU and the UK' }).waitFor();
    await log.getByText('Yes, we ship to the whole EU and the UK.').waitFor();

    // Closed: the widget asks for a rating, and the team sees it.
    await member.getByRole('button', { name: 'Close' }).click();
    await panel.getByText('This conversation was closed.').first().waitFor();
    const card = panel.getByRole('group', { name: 'How was this conversation?' });
    await card.waitFor();
    await screenshot(page, 'journey-06-rating-asked');
    await card.getByRole('button', { name: '4 out of 5' }).click();
    await card.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Mia sorted it out quickly.');
    await card.getByRole('button', { name: 'Send' }).click();
    await card.getByText('Thank you for your feedback!').waitFor();
    await screenshot(page, 'journey-07-rated');
    const visitorPanel = member.getByRole('complementary', { name: 'Visitor details' });
    await visitorPanel.getByText('4 out of 5').waitFor();
    await visitorPanel.getByText('Mia sorted it out quickly.').waitFor();
    await screenshot(member, 'journey-08-inbox-rating');
    const detail = await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}`);
    expect(detail.rating).toMatchObject({ rating: 4, comment: 'Mia sorted it out quickly.' });

    expect(errors).toEqual([]);
    expect(memberErrors).toEqual([]);
    await page.context().close();
  });

  /** Every day 09:00–17:00 UTC, today a holiday: whatever the time, now is outside, and a person is next there tomorrow. */
  async function closedToday() {
    const day = [{ from: '09:00', to: '17:00' }];
    const weekly = { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
    const settings = await ws.owner.fetch('/api/v1/inbox/settings', {
      method: 'PUT',
      json: {
        businessHours: { enabled: true, timezone: 'UTC', weekly, holidays: [new Date().toISOString().slice(0, 10)] },
      },
    });
    expect(settings.status).toBe(200);
  }

  it('outside business hours, tells the visitor when a person will answer and takes their details to Leads', async () => {
    await closedToday();
    const { page, panel, errors } = await visitor();
    await say(page, panel, 'What are your opening hours?');
    await answers(panel).locator('strong', { hasText: '9:00–17:00' }).waitFor();
    await panel.getByRole('button', { name: 'Talk to a person' }).click();
    const notice = answers(panel).filter({ hasText: 'Our team is away right now' });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/A person will reply from \w+day 09:00 \(UTC\)/);
    // The widget asks for contact details on its own (the status item's askContact).
    const form = panel.getByRole('form', { name: 'Leave your details' });
    await form.waitFor();
    await screenshot(page, 'journey-09-away-asks-contact');
    const conversationId = await conversationOf(page);
    expect((await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}`)).conversation.askContact).toBe(true);

    await form.getByLabel('Name').fill('Grace Hopper');
    await form.getByLabel('Email').fill('grace@navy.test');
    await form.getByLabel('I agree to be contacted.').check();
    await form.getByRole('button', { name: 'Send' }).click();
    await panel.getByText('Thanks! We will be in touch.').waitFor();
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(
        async () => (await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}`)).conversation.askContact,
        { timeout: 10_000 },
      )
      .toBe(false);
    // A reload does not ask again.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await notice.waitFor();
    await page.waitForTimeout(500);
    expect(await form.count()).toBe(0);

    // The lead is on the Leads page, linked to the conversation.
    await member.goto(`${server.url}/w/${ws.workspaceId}/leads`);
    const table = member.getByRole('table', { name: 'Leads' });
    await table.getByRole('button', { name: 'Grace Hopper' }).click();
    const leadPanel = member.getByRole('dialog', { name: 'Grace Hopper' });
    await leadPanel.getByText('grace@navy.test').first().waitFor();
    expect(await leadPanel.getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toContain(
      conversationId,
    );
    await screenshot(member, 'journey-10-lead');
    const listed = await api(`/api/v1/leads?conversationId=${conversationId}`);
    expect(listed.body.leads).toEqual([
      expect.objectContaining({ name: 'Grace Hopper', email: 'grace@navy.test', source: 'widget', conversationId }),
    ]);

    expect(errors).toEqual([]);
    expect(memberErrors).toEqual([]);
    await page.context().close();
  });

  it('asks for contact details in the visitor’s language when the agent has no lead form', async () => {
    await closedToday();
    const lamps = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { name: 'Lamp expert', greeting: 'Hallo! Fragen Sie mich zu Lampen.', language: 'auto' },
    });
    site.setPage(shopPage(lamps.snippet));
    try {
      const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Chat öffnen' }).click();
      const panel = page.getByRole('dialog', { name: 'Lamp expert' });
      // Asking in so many words hands off in the turn itself (its `handoff` event carries askContact).
      await panel.getByRole('textbox', { name: 'Nachricht schreiben…' }).fill('Kann ich mit einem Menschen sprechen?');
      await page.keyboard.press('Enter');
      await answers(panel).filter({ hasText: 'Unser Team ist gerade nicht erreichbar' }).waitFor();
      const form = panel.getByRole('form', { name: 'Hinterlassen Sie Ihre Daten' });
      await form.waitFor();
      // The form comes after the notice that asks for it, and stays last.
      expect(await panel.locator('.sb-log > :last-child').getAttribute('class')).toContain('sb-lead');
      expect(await form.locator('label').allTextContents()).toEqual(['Name', 'E-Mail', 'Telefon']);
      await screenshot(page, 'journey-11-contact-form-de');
      await form.getByLabel('Telefon').fill('+49 30 1234567');
      await form.getByRole('button', { name: 'Senden' }).click();
      await panel.getByText('Danke! Wir melden uns.').waitFor();
      const conversationId = await page.evaluate(
        (key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c as string,
        lamps.publicKey,
      );
      const listed = await api(`/api/v1/leads?conversationId=${conversationId}`);
      expect(listed.body.leads).toEqual([
        expect.objectContaining({ phone: '+49 30 1234567', source: 'widget', agentId: lamps.agentId }),
      ]);
      await expect
        .poll(
          async () => (await ws.owner.json(`/api/v1/inbox/conversations/${conversationId}`)).conversation.askContact,
          { timeout: 10_000 },
        )
        .toBe(false);
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      site.setPage(shopPage(widget.snippet));
    }
  });
});
