import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startModelServer, type ModelServer } from '../../apps/server/test/support/model-server';
import { sessionApi, signUpAndVerify, PASSWORD } from './support/accounts';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';

/**
 * Agents as a workspace owner builds them: create one, edit its draft, publish, compare
 * versions and roll back; try it in the playground (an extractive answer with its citation,
 * then through the workspace's own model server); manage model keys. A viewer sees all of it
 * read-only, and the API refuses the viewer's edit.
 */
describe('agents in the browser', () => {
  let server: RunningServer;
  let models: ModelServer;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let workspaceId: string;
  let agentUrl: string;
  const ownerEmail = 'olivia@acme.test';
  const viewerEmail = 'victor@acme.test';

  beforeAll(async () => {
    models = await startModelServer();
    // The workspace's own model server runs on this machine: let the egress guard reach it.
    [server, browser] = await Promise.all([startServer({ EGRESS_ALLOW_CIDRS: '127.0.0.1/32' }), launchBrowser()]);
    const setup = await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Root', email: 'root@acme.test', password: PASSWORD }),
    });
    expect(setup.status).toBe(201);
    owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signUpAndVerify(server, owner, 'Olivia Owner', ownerEmail);
    const created = await sessionApi(server, owner).send('POST', '/api/v1/workspaces', { name: 'Acme Support' });
    expect(created.status).toBe(201);
    workspaceId = created.body.workspace.id;
    page = await owner.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await models?.close();
  });

  const draftState = () => page.getByTestId('draft-state');

  it('lets the owner create an agent, edit its draft and publish version 2', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/agents`);
    await page.getByRole('heading', { name: 'No agents yet' }).waitFor();
    await screenshot(page, 'agents-01-empty');
    await page.getByRole('button', { name: 'Create agent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create agent' });
    await dialog.getByLabel('Name').fill('Acme Helper');
    await dialog.getByRole('button', { name: 'Create agent' }).click();
    await page.waitForURL(/\/agents\/agt_[0-9a-z]{26}$/);
    agentUrl = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Acme Helper' }).waitFor();
    expect(await draftState().textContent()).toContain('Draft matches live version 1');

    const patches: string[] = [];
    page.on('request', (r) => r.method() === 'PATCH' && patches.push(r.postData() ?? ''));
    await page.getByRole('textbox', { name: 'Instructions' }).fill('You help Acme customers.\nAlways be brief.');
    await draftState().getByText('Unsaved changes').waitFor();
    await page.keyboard.press('Control+s');
    await page.getByText('Draft saved.').waitFor();
    await draftState().getByText('Draft differs from live version 1').waitFor();

    // Publishing with unsaved edits saves them first, once.
    await page.getByLabel('Greeting', { exact: true }).fill('Hello from Acme! Ask me anything.');
    await draftState().getByText('Unsaved changes').waitFor();
    await screenshot(page, 'agents-02-editor');
    await page.getByRole('button', { name: 'Publish…' }).click();
    const publish = page.getByRole('dialog', { name: 'Publish version 2' });
    await publish.getByText('Your unsaved changes are saved to the draft first.').waitFor();
    await publish.getByLabel('Note (optional)').fill('Friendlier greeting');
    await publish.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByText('Version 2 is live.').waitFor();
    await draftState().getByText('Draft matches live version 2').waitFor();
    // Each save sent only the field it changed.
    expect(patches.map((body) => Object.keys(JSON.parse(body)))).toEqual([['instructions'], ['greeting']]);

    const agent = await sessionApi(server, owner, workspaceId).get(
      `/api/v1${agentUrl.slice(agentUrl.indexOf('/agents'))}`,
    );
    expect(agent.body.agent).toMatchObject({
      publishedVersion: 2,
      hasUnpublishedChanges: false,
      published: {
        greeting: 'Hello from Acme! Ask me anything.',
        instructions: 'You help Acme customers.\nAlways be brief.',
      },
    });
  });

  it('shows what changed between versions 1 and 2, and rolls back to version 1', async () => {
    await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Versions' }).click();
    const table = page.getByRole('table', { name: 'Versions' });
    await table.getByText('Friendlier greeting').waitFor();
    await table.getByText('Olivia Owner').first().waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toMatch(
      /Version 2\s*Live.*Friendlier greeting.*Olivia Owner/,
    );

    // With nothing unpublished, the comparison defaults to the last two versions.
    const diff = page
      .getByRole('list', { name: 'Differences between Version 1 and Version 2 (live)' })
      .or(page.locator('dl[aria-label="Differences between Version 1 and Version 2 (live)"]'));
    await diff.waitFor();
    const changed = await diff.locator('[data-changed]').locator('dt').allTextContents();
    expect(changed.map((t) => t.replace('changed', '').trim())).toEqual(['Greeting', 'Instructions']);
    expect(await diff.textContent()).toContain('Hello from Acme! Ask me anything.');
    expect(await page.getByLabel('Line changes in Instructions').textContent()).toContain('Always be brief.');
    await page.getByRole('status').getByText('2 fields changed from Version 1 to Version 2 (live).').waitFor();
    await screenshot(page, 'agents-03-diff');

    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    const confirm = page.getByRole('dialog', { name: 'Roll back to version 1?' });
    await confirm.getByRole('button', { name: 'Roll back to version 1' }).click();
    await page.getByText('Version 1 is live again.').waitFor();
    await table.getByRole('row').filter({ hasText: 'Live' }).getByText('Version 1').waitFor();
    const agent = await sessionApi(server, owner, workspaceId).get(`/api/v1/agents/${agentUrl.split('/').pop()}`);
    expect(agent.body.agent).toMatchObject({
      publishedVersion: 1,
      draft: { greeting: 'Hi! How can I help you today?' },
    });
  });

  it('streams an extractive answer with its citation in the playground', async () => {
    const qa = await sessionApi(server, owner, workspaceId).send('POST', '/api/v1/knowledge/qa', {
      question: 'How long do refunds take?',
      answer: 'Refunds reach your card within 5 business days.',
    });
    expect(qa.status).toBe(201);
    await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Playground' }).click();
    await page
      .getByRole('log', { name: 'Playground conversation' })
      .getByText('Hi! How can I help you today?')
      .waitFor();

    const streamed = page.waitForResponse(
      (r) => r.request().method() === 'POST' && /\/api\/v1\/conversations\/[^/]+\/messages$/.test(r.url()),
    );
    await page.getByLabel('Message').fill('how long do refunds take');
    await page.getByLabel('Message').press('Enter');
    const response = await streamed;
    expect(response.headers()['content-type']).toContain('text/event-stream');
    const events = (await response.text()).match(/^event: token$/gm) ?? [];
    expect(events.length).toBeGreaterThan(1);

    const answer = page.getByTestId('assistant-message').last();
    await answer.and(page.locator('[data-state="done"]')).waitFor();
    expect(await answer.textContent()).toContain('Refunds reach your card within 5 business days.');
    const citation = answer.getByTestId('citation');
    expect(await citation.count()).toBe(1);
    expect(await citation.textContent()).toContain('refunds take');
    expect(await answer.getByLabel('Answer details').textContent()).toMatch(
      /Model:\s*extractive.*Tokens in:\s*0.*Tokens out:\s*0/,
    );
    expect(await page.getByTestId('user-message').textContent()).toBe('how long do refunds take');
    await screenshot(page, 'agents-04-playground');
  });

  it('adds a workspace model key, masked, tests it, and answers through it in the playground', async () => {
    await page.goto(`${server.url}/w/${workspaceId}/models`);
    await page.getByRole('heading', { name: 'No keys of your own' }).waitFor();
    await page.getByRole('button', { name: 'Add key' }).click();
    const add = page.getByRole('dialog', { name: 'Add a model key' });
    await add.getByLabel('Provider').selectOption('openai-compatible');
    await add.getByLabel('Label').fill('Local server');
    await add.getByLabel('API key (if the server needs one)').fill('sk-local-secret-abcd');
    await add.getByLabel('Base URL').fill(models.openaiBaseURL);
    await add.getByRole('button', { name: 'Add key' }).click();
    const row = page.getByRole('table', { name: 'Provider keys' }).getByRole('row').filter({ hasText: 'Local server' });
    await row.getByText('••••abcd').waitFor();
    expect(await page.content()).not.toContain('sk-local-secret');
    await row.getByRole('button', { name: 'Test connection with Local server' }).click();
    await row.getByText('Passed', { exact: true }).waitFor();
    expect(await row.textContent()).toContain('answered');
    await screenshot(page, 'agents-05-models');

    await page.goto(`${server.url}${agentUrl}`);
    const primary = page.getByRole('group', { name: 'Primary model' });
    await primary.getByRole('combobox', { name: 'Model', exact: true }).selectOption('model');
    await primary.getByRole('combobox', { name: 'Provider' }).selectOption('openai-compatible');
    await primary.getByRole('combobox', { name: 'Model ID' }).fill('test-model');
    await primary
      .getByRole('combobox', { name: 'Key', exact: true })
      .selectOption({ label: 'Local server (••••abcd)' });
    await page.getByRole('button', { name: /Save draft/ }).click();
    await page.getByText('Draft saved.').waitFor();

    await page.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Playground' }).click();
    await page.getByLabel('Talk to').selectOption('draft');
    await page.getByLabel('Message').fill('Do you ship to Portugal?');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByTestId('assistant-message').last();
    await answer.and(page.locator('[data-state="done"]')).waitFor();
    expect(await answer.textContent()).toContain('You said: Do you ship to Portugal?');
    const details = (await answer.getByLabel('Answer details').textContent()) ?? '';
    expect(details).toMatch(/Model:\s*openai-compatible:test-model/);
    expect(Number(/Tokens in:\s*(\d+)/.exec(details)?.[1])).toBeGreaterThan(0);
    expect(Number(/Tokens out:\s*(\d+)/.exec(details)?.[1])).toBeGreaterThan(0);
    expect(
      models.requests.some(
        (r) => r.path === '/v1/chat/completions' && r.headers.authorization === 'Bearer sk-local-secret-abcd',
      ),
    ).toBe(true);
    await screenshot(page, 'agents-06-playground-model');
  });

  it('shows a viewer the agent read-only, and the API refuses the viewer’s edit', async () => {
    const invited = await sessionApi(server, owner, workspaceId).send('POST', '/api/v1/invitations', {
      email: viewerEmail,
      role: 'viewer',
    });
    expect(invited.status).toBe(201);
    const token = (await waitForMailLinks(server.dataDir, viewerEmail, /invited you to Acme Support/))
      .find((l) => l.includes('/invite/'))!
      .split('/invite/')[1]!;
    const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signUpAndVerify(server, viewer, 'Victor Viewer', viewerEmail);
    expect((await sessionApi(server, viewer).send('POST', `/api/v1/invitation-tokens/${token}/accept`)).status).toBe(
      200,
    );
    const view = await viewer.newPage();

    await view.goto(`${server.url}/w/${workspaceId}/agents`);
    await view.getByRole('table', { name: 'Agents' }).getByRole('link', { name: 'Acme Helper' }).click();
    await view.getByText('Read-only').waitFor();
    expect(await view.getByRole('textbox', { name: 'Instructions' }).isDisabled()).toBe(true);
    for (const name of [/Save draft/, /Publish/, /Pause agent/, /Archive agent/])
      expect(await view.getByRole('button', { name }).count()).toBe(0);
    await screenshot(view, 'agents-07-viewer-editor');
    await view.getByRole('navigation', { name: 'Agent' }).getByRole('link', { name: 'Versions' }).click();
    await view.getByRole('table', { name: 'Versions' }).waitFor();
    expect(await view.getByRole('button', { name: /Roll back/ }).count()).toBe(0);
    expect(
      await view.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Models' }).count(),
    ).toBe(1);

    const edit = await sessionApi(server, viewer, workspaceId).send(
      'PATCH',
      `/api/v1/agents/${agentUrl.split('/').pop()}`,
      { instructions: 'Viewers cannot do this.' },
    );
    expect(edit.status).toBe(403);
    expect(edit.body.error.code).toBe('forbidden');
    const after = await sessionApi(server, owner, workspaceId).get(`/api/v1/agents/${agentUrl.split('/').pop()}`);
    expect(after.body.agent.draft.instructions).not.toContain('Viewers');
    await viewer.close();
  });
});
