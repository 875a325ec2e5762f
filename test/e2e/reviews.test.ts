import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { shopPage, startSite, type Site } from './support/site';
import { agentWithWidget, ownerWorkspace } from './support/workspace';

/**
 * The improvement loop in the browser: a visitor rates an answer down in the widget with a
 * comment; the owner finds it in Reviews with the passage it used, corrects it, and the next
 * visitor asking the same question gets the corrected answer. An evaluation run from the
 * agent's Evaluations tab shows the draft and the live version side by side.
 */
describe('answer feedback and the review queue', () => {
  let server: RunningServer;
  let browser: Browser;
  let site: Site;
  let ws: Awaited<ReturnType<typeof ownerWorkspace>>;
  let widget: Awaited<ReturnType<typeof agentWithWidget>>;

  beforeAll(async () => {
    [server, browser, site] = await Promise.all([startServer(), launchBrowser(), startSite()]);
    ws = await ownerWorkspace(server, 'reviews');
    widget = await agentWithWidget(ws, {
      origins: [site.url],
      agent: { answerMode: 'extractive' },
      qa: [['Do you ship abroad?', 'We ship within the EU only.']],
    });
    site.setPage(shopPage(widget.snippet));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await server?.stop();
  });

  const ask = async (question: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const panel = page.getByRole('dialog', { name: 'Shop helper' });
    await panel.getByRole('textbox').first().fill(question);
    await panel.getByRole('textbox').first().press('Enter');
    return { page, panel };
  };

  it('rates an answer down in the widget, and the correction from Reviews answers the next visitor', async () => {
    const { page, panel } = await ask('Do you ship within the EU only?');
    const answer = panel.locator('.sb-assistant', { hasText: 'We ship within the EU only.' }).last();
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    expect(await answer.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true');
    const comment = answer.getByRole('textbox', { name: 'Anything to add? (optional)' });
    await comment.fill('We ship to Canada now');
    await comment.press('Enter');
    await answer.getByText('Thank you for your feedback!').waitFor();
    await screenshot(page, 'reviews-01-widget-thumbs');
    // After a reload the answer shows the thumb the visitor gave, not a fresh pair.
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const reloaded = panel.locator('.sb-assistant', { hasText: 'We ship within the EU only.' }).last();
    await reloaded.getByRole('button', { name: 'Not helpful' }).waitFor();
    expect(await reloaded.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed')).toBe('true');
    expect(await reloaded.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(ws.owner.cookieList());
    const dashboard = await context.newPage();
    await dashboard.goto(`${server.url}/w/${ws.workspaceId}/reviews`);
    const item = dashboard
      .getByRole('list', { name: 'Review queue' })
      .getByRole('listitem', { name: 'Do you ship within the EU only?' });
    await item.getByText('“We ship to Canada now”').waitFor();
    await item.getByText('Passages the answer used (1)').click();
    await item.getByText('Likely misled the answer').waitFor();
    await screenshot(dashboard, 'reviews-02-queue');

    await item.getByRole('button', { name: 'Correct the answer to Do you ship within the EU only?' }).click();
    const dialog = dashboard.getByRole('dialog', { name: 'Correct this answer' });
    expect(await dialog.getByLabel('Question').inputValue()).toBe('Do you ship within the EU only?');
    await dialog.getByLabel('Answer').fill('Yes: we ship to Canada in 5 to 7 days.');
    await dialog.getByRole('button', { name: 'Save the correct answer' }).click();
    await dashboard
      .getByRole('status')
      .filter({ hasText: 'Saved a Q&A pair for “Do you ship within the EU only?”' })
      .waitFor();
    expect(await dashboard.getByRole('status').filter({ hasText: 'We ship within the EU only.' }).count()).toBe(1);
    await dashboard.getByRole('heading', { name: 'Nothing to review' }).waitFor();

    const next = await ask('Do you ship within the EU only?');
    await next.panel.locator('.sb-assistant', { hasText: 'we ship to Canada in 5 to 7 days' }).waitFor();
  });

  it('runs an agent’s evaluation from its Evaluations tab and shows draft and live side by side', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(ws.owner.cookieList());
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${ws.workspaceId}/agents/${widget.agentId}/evaluations`);
    await page.getByRole('heading', { name: 'No questions yet' }).waitFor();
    await page.getByLabel('Question', { exact: true }).fill('Do you ship abroad?');
    await page.getByLabel('Facts the answer must state').fill('within the EU; only');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page
      .getByRole('list', { name: 'Evaluation questions' })
      .getByText('Must state: within the EU; only')
      .waitFor();
    await page.getByRole('button', { name: 'Run evaluation' }).click();
    const totals = page.getByTestId('evaluation-totals');
    await totals.waitFor({ timeout: 20_000 });
    expect(await totals.textContent()).toBe('Draft: 1 of 1 passed (100 %) · Live (version 1): 1 of 1 passed (100 %)');
    expect(await page.getByRole('table', { name: 'Results per question' }).getByText('Pass').count()).toBe(2);
    await screenshot(page, 'reviews-03-evaluation');
  });
});
