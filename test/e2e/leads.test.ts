import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { FAKE_KEY } from '../../apps/server/test/support/model-server/harness';
import { csvRecords } from '../../apps/server/test/support/csv';
import { completeSetup, postJson, verifiedAccount } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';

/**
 * Leads as the team meets them: visitors leave their details to the agent (its capture_lead
 * tool, called by a scripted model server speaking OpenAI's wire format) → the leads appear
 * on the Leads page → the owner searches, qualifies one, adds a note, exports the filtered
 * CSV (downloaded by the browser) and deletes one → a viewer reads without edit controls.
 */
describe('leads in the browser', () => {
  let server: RunningServer;
  let models: ModelServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let apiKey: string;
  let agentId: string;
  const errors: string[] = [];

  /** The visitor writes their details (the agent may store only what the visitor wrote), the model saves them. */
  async function captureThroughAgent(lead: Record<string, string>) {
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const started = await fetch(`${server.url}/api/v1/conversations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ agentId, channel: 'api' }),
    });
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    models.enqueue({ toolCall: { name: 'capture_lead', arguments: lead } }, { text: ['Thanks, we will be in touch!'] });
    const answer = await fetch(`${server.url}/api/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        content: `Please contact me: ${[lead.name, lead.email, lead.phone].filter(Boolean).join(', ')}`,
      }),
    });
    expect(answer.status).toBe(200);
    return conversation.id;
  }

  beforeAll(async () => {
    models = await startModelServer();
    [server, browser] = await Promise.all([
      startServer({
        OPENAI_API_KEY: FAKE_KEY,
        OPENAI_BASE_URL: models.openaiBaseURL,
        DEFAULT_MODEL: 'openai:gpt-4o-mini',
        EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      }),
      launchBrowser(),
    ]);
    await completeSetup(server);
    owner = await browser.newContext({ acceptDownloads: true });
    await verifiedAccount(server, owner, 'Olivia Owner', 'owner@acme.test');
    workspaceId = (await postJson(owner.request, server, '/api/v1/workspaces', { name: 'Acme Support' })).workspace.id;
    const ws = { 'x-workspace-id': workspaceId };
    apiKey = (await postJson(owner.request, server, '/api/v1/api-keys', { name: 'e2e', scopes: ['read', 'write'] }, ws))
      .secret as string;
    agentId = (
      await postJson(owner.request, server, '/api/v1/agents', { name: 'Sales agent', answerMode: 'generative' }, ws)
    ).agent.id as string;
    page = await owner.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await models?.close();
  });

  const table = () => page.getByRole('table', { name: 'Leads' });

  it('says what leads are before there are any', async () => {
    await page.goto(`${server.url}/w/${workspaceId}`);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leads' }).waitFor();
    await page.getByRole('heading', { name: 'No leads yet' }).waitFor();
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
    await screenshot(page, 'leads-00-empty');
  });

  it('shows the leads the agent captured, newest first, and finds one by search', async () => {
    await captureThroughAgent({
      name: 'Ada Lovelace',
      email: 'ada@engines.test',
      phone: '+44 20 7946 0958',
      note: 'Wants a demo of the Pro plan',
    });
    await captureThroughAgent({ name: 'Grace Hopper', email: 'grace@navy.test' });
    await captureThroughAgent({ name: '=HYPERLINK("http://evil.test","x")', email: 'mallory@evil.test' });
    await page.reload();
    await table().waitFor();
    const names = await table().locator('tbody tr td:first-child button').allTextContents();
    expect(names).toEqual(['=HYPERLINK("http://evil.test","x")', 'Grace Hopper', 'Ada Lovelace']);
    await expect(page.getByRole('status').filter({ hasText: '3 leads' }).count()).resolves.toBe(1);
    await screenshot(page, 'leads-01-list');

    await page.getByLabel('Search').fill('7946');
    await page.waitForURL(/q=7946/);
    await table().getByRole('button', { name: 'Ada Lovelace' }).waitFor();
    await table().getByRole('button', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });
    expect(await table().locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await table().getByRole('button', { name: 'Grace Hopper' }).waitFor();
  });

  it('qualifies a lead and adds a note in its panel', async () => {
    await table().getByRole('button', { name: 'Ada Lovelace' }).click();
    const panel = page.getByRole('dialog', { name: 'Ada Lovelace' });
    await panel.getByText('Wants a demo of the Pro plan').waitFor();
    expect(await panel.getByRole('link', { name: 'Open the conversation' }).getAttribute('href')).toMatch(
      new RegExp(`^/w/${workspaceId}/inbox\\?conversation=conv_`),
    );
    await panel.getByLabel('Status').selectOption('qualified');
    await page.getByText('Status changed to Qualified.').waitFor();
    await panel.getByLabel('Add a note').fill('Called back, demo booked for Tuesday.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.getByRole('list', { name: 'Notes' }).getByText('Called back, demo booked for Tuesday.').waitFor();
    expect(await panel.getByRole('list', { name: 'Notes' }).textContent()).toContain('owner@acme.test');
    await screenshot(page, 'leads-02-detail');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await table().locator('tbody tr', { hasText: 'Ada Lovelace' }).getByText('Qualified').waitFor();
  });

  it('exports the filtered leads as a CSV the browser downloads', async () => {
    await page.getByLabel('Status').selectOption('qualified');
    await page.waitForURL(/status=qualified/);
    await table().getByRole('button', { name: 'Ada Lovelace' }).waitFor();
    await table().getByRole('button', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d\d-\d\d\.csv$/);
    const records = csvRecords(fs.readFileSync((await download.path())!, 'utf8'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@engines.test',
      phone: "'+44 20 7946 0958",
      status: 'qualified',
      note: 'Wants a demo of the Pro plan',
    });
    expect(records[0]!.notes).toContain('owner@acme.test: Called back, demo booked for Tuesday.');

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await table().getByRole('button', { name: 'Grace Hopper' }).waitFor();
    const [all] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const everyone = csvRecords(fs.readFileSync((await all.path())!, 'utf8'));
    expect(everyone.map((r) => r.email)).toEqual(['mallory@evil.test', 'grace@navy.test', 'ada@engines.test']);
    expect(everyone[0]!.name).toBe(`'=HYPERLINK("http://evil.test","x")`);
  });

  it('deletes a lead after confirmation', async () => {
    await table().getByRole('button', { name: 'Grace Hopper' }).click();
    const panel = page.getByRole('dialog', { name: 'Grace Hopper' });
    await panel.getByRole('button', { name: 'Delete lead' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this lead?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('button', { name: 'Delete lead' }).click();
    await screenshot(page, 'leads-03-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete lead' }).click();
    await page.getByText('Lead deleted.').waitFor();
    await panel.waitFor({ state: 'detached' });
    await table().getByRole('button', { name: 'Ada Lovelace' }).waitFor();
    await table().getByRole('button', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });
    expect(await table().locator('tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('lets a viewer read leads without any edit control', async () => {
    const viewer = await browser.newContext();
    await verifiedAccount(server, viewer, 'Vera Viewer', 'viewer@acme.test');
    await postJson(
      owner.request,
      server,
      '/api/v1/invitations',
      { email: 'viewer@acme.test', role: 'viewer' },
      { 'x-workspace-id': workspaceId },
    );
    const link = (await waitForMailLinks(server.dataDir, 'viewer@acme.test', /invited you to Acme Support/)).find((l) =>
      l.includes('/invite/'),
    )!;
    await postJson(viewer.request, server, `/api/v1/invitation-tokens/${link.split('/invite/')[1]}/accept`, {});
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`${server.url}/w/${workspaceId}/leads`);
    const rows = viewerPage.getByRole('table', { name: 'Leads' });
    await rows.getByRole('button', { name: 'Ada Lovelace' }).click();
    const panel = viewerPage.getByRole('dialog', { name: 'Ada Lovelace' });
    await panel.getByText('Called back, demo booked for Tuesday.').waitFor();
    for (const control of ['Edit details', 'Add note', 'Delete lead'])
      expect(await panel.getByRole('button', { name: control }).count()).toBe(0);
    expect(await panel.getByLabel('Status').count()).toBe(0);
    expect(await panel.getByLabel('Add a note').count()).toBe(0);
    await screenshot(viewerPage, 'leads-04-viewer');
    // The API agrees with the page.
    const patch = await viewer.request.patch(
      `${server.url}/api/v1/leads/${new URL(viewerPage.url()).searchParams.get('lead')}`,
      { data: { status: 'lost' }, headers: { origin: server.url, 'x-workspace-id': workspaceId } },
    );
    expect(patch.status()).toBe(403);
    await viewer.close();
  });
});
