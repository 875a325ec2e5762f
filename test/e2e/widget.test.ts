import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { e2eDatabase, type E2eDatabase } from './support/database';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

// Browser globals, used inside page.evaluate callbacks (this project compiles without the DOM library).
declare const window: any, document: any, localStorage: any;
type HTMLElement = any;

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Focus inside the widget's shadow root, as a label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('[data-switchboard]')?.shadowRoot?.activeElement as
      HTMLElement | null | undefined;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName) : null;
  });

/** axe-core's serious and critical findings for the widget (its shadow DOM included). */
async function axeFindings(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document.querySelector('[data-switchboard]'), {
      resultTypes: ['violations'],
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3),
    }));
  });
  return violations
    .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.id}: ${v.nodes.join(', ')}`);
}

/**
 * The widget as a shop's visitor meets it: the snippet on a page served from another origin,
 * open, ask, a streamed cited answer, a reload that keeps the conversation, the lead form.
 */
describe('the website widget', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;
  let widget: Awaited<ReturnType<typeof agentWithWidget>>;
  let database: E2eDatabase | null;

  beforeAll(async () => {
    database = await e2eDatabase();
    [server, browser, site] = await Promise.all([
      startServer(database ? { DATABASE_URL: database.url } : {}),
      launchBrowser(),
      startSite(),
    ]);
    ws = await ownerWorkspace(server, 'shop');
    widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { greeting: 'Hi! Ask me about our shop.', suggestedQuestions: ['When are you open?'] },
      qa: [['What are your opening hours?', 'We are open **9:00–17:00**, Monday to Friday.']],
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
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
    await database?.drop();
  });

  async function visit(page: Page) {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(site.url);
    return errors;
  }

  it('answers on a page of another origin, with a streamed, cited answer, and keeps the conversation across a reload', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    // The snippet's preload is the config request the loader uses: asked once, not twice, and
    // the loader and the chat come uncredentialed (CORS), readable from the shop's origin.
    const configRequests: string[] = [];
    const warnings: string[] = [];
    page.on('request', (r) => r.url().endsWith('/config') && configRequests.push(r.url()));
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    const loader = page.waitForResponse((r) => r.url().endsWith('/widget.js'));
    const errors = await visit(page);
    const loaderHeaders = (await loader).headers();
    expect(loaderHeaders['access-control-allow-origin']).toBe('*');
    // …and timeable by the shop's own performance monitoring.
    expect(loaderHeaders['timing-allow-origin']).toBe('*');
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByText('Hi! Ask me about our shop.').waitFor();
    await screenshot(page, 'widget-01-open');
    const answer = page.waitForResponse((r) => r.url().endsWith('/messages') && r.request().method() === 'POST');
    await panel.getByRole('textbox', { name: 'Write a message…' }).fill('When are you open?');
    await page.keyboard.press('Enter');
    const response = await answer;
    expect(response.headers()['content-type']).toContain('text/event-stream');
    expect(((await response.text()).match(/event: token/g) ?? []).length).toBeGreaterThan(3);
    await panel.locator('.sb-assistant strong', { hasText: '9:00–17:00' }).waitFor();
    await panel.getByRole('button', { name: 'Sources (1)' }).click();
    await panel.locator('.sb-sources li').first().waitFor();
    await screenshot(page, 'widget-02-answer');

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panel.locator('.sb-assistant strong', { hasText: '9:00–17:00' }).waitFor();
    expect(await panel.locator('.sb-user').count()).toBe(1);
    expect(await panel.locator('.sb-assistant:not(.sb-welcome)').count()).toBe(1);
    expect(errors).toEqual([]);
    expect(configRequests).toEqual([
      `${server.url}/api/widget/v1/${widget.publicKey}/config`,
      `${server.url}/api/widget/v1/${widget.publicKey}/config`,
    ]);
    expect(warnings.filter((w) => /preload/i.test(w))).toEqual([]);
    await context.close();
  });

  it('takes the visitor’s details through the lead form and announces the lead to the page', async () => {
    const page = await (await browser.newContext()).newPage();
    const errors = await visit(page);
    await page.evaluate(() => {
      (window as any).leads = [];
      (window as any).Switchboard.on('lead', (lead: unknown) => (window as any).leads.push(lead));
    });
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByRole('button', { name: 'Leave your contact details' }).click();
    const form = panel.getByRole('form', { name: 'Leave your details' });
    await form.getByLabel('Name').fill('Ada Lovelace');
    await form.getByLabel('Email').fill('not-an-email');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByText('Enter a valid email address').waitFor();
    await form.getByText('Please accept to continue').waitFor();
    await screenshot(page, 'widget-03-lead-errors');
    await form.getByLabel('Email').fill('ada@example.test');
    await form.getByLabel('I agree to be contacted.').check();
    await form.getByRole('button', { name: 'Send' }).click();
    await panel.getByText('Thanks! We will be in touch.').waitFor();
    const leads = await page.evaluate(() => (window as any).leads);
    expect(leads).toEqual([
      { id: expect.stringMatching(/^lead_/), values: { name: 'Ada Lovelace', email: 'ada@example.test' } },
    ]);
    // The lead is stored, linked to the visitor's conversation, with the form's consent text: the team's leads API says so.
    const conversationId = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(`sb:${key}`)!).c,
      widget.publicKey,
    );
    const listed = await fetch(`${server.url}/api/v1/leads?conversationId=${conversationId}`, {
      headers: { authorization: `Bearer ${ws.apiKey}` },
    });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as any).leads).toEqual([
      expect.objectContaining({
        id: leads[0].id,
        name: 'Ada Lovelace',
        email: 'ada@example.test',
        consent: true,
        consentText: 'I agree to be contacted.',
        source: 'widget',
        conversationId,
        agentId: widget.agentId,
      }),
    ]);
    // The only failure the page saw is the first, refused submission.
    expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
  });

  it('stays away from a page whose origin is not allowed, and says why in the console', async () => {
    const other = await startSite();
    try {
      other.setPage(shopPage(widget.snippet));
      const page = await (await browser.newContext()).newPage();
      const messages: string[] = [];
      page.on('console', (m) => m.type() === 'error' && messages.push(m.text()));
      await page.goto(other.url);
      await expect.poll(() => messages.find((m) => m.startsWith('[Switchboard]')), { timeout: 10_000 }).toBeTruthy();
      expect(messages.find((m) => m.startsWith('[Switchboard]'))).toBe(
        `[Switchboard] This website (${other.url}) is not allowed to show this chat. Add it to the widget's allowed origins in Switchboard (Channels → Website widget).`,
      );
      expect(await page.getByRole('button', { name: 'Open chat' }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('renders hostile answers inert: no script, no javascript: link, no handler, no image fetched', async () => {
    const hostile = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { name: 'Hostile', greeting: 'Ask me anything.' },
      qa: [
        [
          'What does the evil answer say?',
          'Look <script>window.pwned = 1</script> here <img src=x onerror="window.pwned = 2"> and [click me](javascript:window.pwned=3) or ' +
            '[a safe page](https://example.test/safe) and ![tracking pixel](http://images.tracker.test/pixel.png) done',
        ],
      ],
    });
    const context = await browser.newContext();
    const requested: string[] = [];
    await context.route('http://images.tracker.test/**', (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on('request', (r) => r.url().includes('tracker') && requested.push(r.url()));
    site.setPage(shopPage(hostile.snippet));
    await page.goto(site.url);
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, d.dismiss()));
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Hostile' });
    await panel.getByRole('textbox').fill('What does the evil answer say?');
    await page.keyboard.press('Enter');
    const bubble = panel.locator('.sb-assistant:not(.sb-welcome) .sb-bubble').first();
    await bubble.getByText('done').waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, 'widget-04-hostile');
    expect(await bubble.locator('script, img, iframe, [onerror]').count()).toBe(0);
    expect(await bubble.textContent()).toContain('<script>window.pwned = 1</script>');
    expect(await bubble.textContent()).toContain('<img src=x onerror="window.pwned = 2">');
    const links = await bubble
      .locator('a')
      .evaluateAll((as) =>
        as.map((a) => ({ text: a.textContent, href: a.getAttribute('href'), rel: a.getAttribute('rel') })),
      );
    expect(links).toEqual([
      { text: 'a safe page', href: 'https://example.test/safe', rel: 'noopener nofollow' },
      { text: '🖼 tracking pixel', href: 'http://images.tracker.test/pixel.png', rel: 'noopener nofollow' },
    ]);
    expect(await bubble.getByText('click me').evaluate((el) => el.closest('a'))).toBeNull();
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    expect(requested).toEqual([]);
    expect(dialogs).toBe(0);
    site.setPage(shopPage(widget.snippet));
    await context.close();
  });

  it('works from the keyboard alone, keeps focus in the open panel, and passes axe', async () => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await visit(page);
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Open chat');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('Write a message…');
    await page.keyboard.type('When are you open?');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.locator('.sb-assistant strong', { hasText: '9:00–17:00' }).waitFor();
    // The live region read the answer out.
    await expect.poll(() => panel.locator('[aria-live=polite]').textContent()).toContain('9:00–17:00');
    const seen = new Set<string>();
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      const label = await focused(page);
      expect(label, `Tab ${i} left the panel`).not.toBeNull();
      seen.add(label!);
    }
    expect(seen.has('Open chat')).toBe(false);
    expect(seen.has('Write a message…')).toBe(true);
    expect(seen.has('New conversation')).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).not.toBeNull();
    expect(await axeFindings(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('Open chat');
    await context.close();
  });

  it('lays Arabic out right to left, on the hosted page as in the widget', async () => {
    const arabic = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { name: 'مساعد المتجر', greeting: 'مرحبًا! كيف يمكنني مساعدتك؟', suggestedQuestions: ['متى تفتحون؟'] },
      widget: { language: 'ar', look: { primaryColor: '#0f766e', position: 'bottom-left' } },
    });
    // bypassCSP only so that the test can inject axe into the hosted page.
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(arabic.hostedUrl);
    const main = page.getByRole('main', { name: 'مساعد المتجر' });
    await main.getByText('مرحبًا! كيف يمكنني مساعدتك؟').waitFor();
    expect(await main.getAttribute('dir')).toBe('rtl');
    expect(await main.getAttribute('lang')).toBe('ar');
    await main.getByRole('textbox', { name: 'اكتب رسالة…' }).waitFor();
    await screenshot(page, 'widget-05-hosted-rtl');
    expect(await axeFindings(page)).toEqual([]);

    site.setPage(shopPage(arabic.snippet));
    await page.goto(site.url);
    await page.getByRole('button', { name: 'فتح المحادثة' }).click();
    const panel = page.getByRole('dialog', { name: 'مساعد المتجر' });
    expect(await panel.getAttribute('dir')).toBe('rtl');
    await page.waitForTimeout(300);
    const box = await panel.boundingBox();
    expect(box!.x).toBeLessThan(100);
    await screenshot(page, 'widget-06-widget-rtl');
    site.setPage(shopPage(widget.snippet));
    await context.close();
  });
});
