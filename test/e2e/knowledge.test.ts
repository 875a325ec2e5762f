import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { sessionApi, signUpInContext } from './support/people';
import { startServer, type RunningServer } from './support/server';

/**
 * Knowledge in the dashboard, as a manager of a workspace lives it: upload a file and watch
 * it become ready, add text and find it with test retrieval, get a clear refusal for a file
 * that is not a document, answer a question an agent could not with one click (after which
 * the agent gives that answer); a viewer sees the knowledge but no way to change it.
 * People, the workspace and the agent are set up through the API: the UI is not the point there.
 */
describe('knowledge in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let viewer: BrowserContext;
  let workspaceId: string;
  let apiKey: string;
  const password = 'correct horse battery staple';
  const UPLOAD_LIMIT = 64 * 1024;

  const knowledgeUrl = () => `${server.url}/w/${workspaceId}/knowledge`;
  const v1 = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const sourceRow = (page: Page, title: string) =>
    page.getByRole('list', { name: 'Sources' }).getByRole('listitem', { name: title });

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ KNOWLEDGE_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) }),
      launchBrowser(),
    ]);
    const setup = await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Root', email: 'root@kb.test', password }),
    });
    expect(setup.status).toBe(201);
    owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signUpInContext(server, owner, { name: 'Mia Manager', email: 'owner@kb.test', password });
    const created = await sessionApi(server, owner).post('/api/v1/workspaces', { name: 'Outdoor Shop' });
    expect(created.status).toBe(201);
    workspaceId = created.body.workspace.id;
    const ownerApi = sessionApi(server, owner, workspaceId);
    const key = await ownerApi.post('/api/v1/api-keys', { name: 'e2e', scopes: ['read', 'write'] });
    apiKey = key.body.secret;

    expect((await ownerApi.post('/api/v1/invitations', { email: 'viewer@kb.test', role: 'viewer' })).status).toBe(201);
    const invite = (await waitForMailLinks(server.dataDir, 'viewer@kb.test', /invited you/)).find((l) =>
      l.includes('/invite/'),
    )!;
    viewer = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await signUpInContext(server, viewer, { name: 'Vic Viewer', email: 'viewer@kb.test', password });
    const token = new URL(invite).pathname.split('/').pop()!;
    expect((await sessionApi(server, viewer).post(`/api/v1/invitation-tokens/${token}/accept`, {})).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a file through the UI and shows it reaching ready', async () => {
    const page = await owner.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(knowledgeUrl());
    await page.getByRole('heading', { name: 'No knowledge yet' }).waitFor();
    await screenshot(page, 'knowledge-01-empty');

    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add knowledge' });
    await dialog.getByRole('tab', { name: 'Files' }).waitFor();
    const text =
      '# Returns\n\nTents and backpacks can be returned within 60 days with the receipt.\n\n## Repairs\n\nSeams are repaired for free in the first year.\n';
    await dialog
      .getByLabel('Files to upload')
      .setInputFiles([{ name: 'returns-policy.md', mimeType: 'text/markdown', buffer: Buffer.from(text) }]);
    const item = dialog.getByRole('list', { name: 'Uploads' }).getByRole('listitem', { name: 'returns-policy.md' });
    await item.getByText('uploaded').waitFor();
    expect(await item.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    await screenshot(page, 'knowledge-02-uploaded');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const row = sourceRow(page, 'returns-policy.md');
    await row.getByText('Ready', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(row.textContent()).resolves.toMatch(/File · returns-policy\.md · .* · \d+ passages?/);
    // Idle: no bar left, and the list stops polling.
    expect(await row.getByRole('progressbar').count()).toBe(0);
    await screenshot(page, 'knowledge-03-ready');
    expect(errors).toEqual([]);
  });

  it('adds a text source, and test retrieval finds it with its source and score', async () => {
    const page = await owner.newPage();
    await page.goto(knowledgeUrl());
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add knowledge' });
    // Keyboard: arrow keys move between the kinds.
    await dialog.getByRole('tab', { name: 'Files' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByRole('tab', { name: 'Text' }).getAttribute('aria-selected')).toBe('true');
    await dialog.getByLabel('Title').fill('Store opening hours');
    await dialog
      .getByRole('textbox', { name: 'Text', exact: true })
      .fill('The Berlin store opens at 10:00 and closes at 19:00 from Monday to Saturday. It is closed on Sundays.');
    await dialog.getByRole('button', { name: 'Add text' }).click();
    await sourceRow(page, 'Store opening hours').getByText('Ready', { exact: true }).waitFor({ timeout: 20_000 });

    await page.getByRole('tab', { name: 'Test retrieval' }).click();
    await page.getByLabel('Question').fill('When does the Berlin store close on Saturday?');
    await page.getByRole('button', { name: 'Search' }).click();
    const first = page.getByRole('list', { name: 'Passages found' }).getByRole('listitem').first();
    await first.waitFor();
    await expect(first.getAttribute('aria-label')).resolves.toBe('Passage 1 from Store opening hours');
    await expect(first.textContent()).resolves.toContain('closes at 19:00');
    expect(Number(await first.getByTestId('passage-score').textContent())).toBeGreaterThan(0);
    await screenshot(page, 'knowledge-04-retrieval');
  });

  it('says clearly why a file is refused: not a document, or over the size limit', async () => {
    const page = await owner.newPage();
    await page.goto(knowledgeUrl());
    await page.getByRole('button', { name: 'Add source' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add knowledge' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.alloc(64, 1)]);
    await dialog.getByLabel('Files to upload').setInputFiles([
      { name: 'brochure.pdf', mimeType: 'application/pdf', buffer: png },
      { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(UPLOAD_LIMIT + 1, 'a') },
    ]);
    const uploads = dialog.getByRole('list', { name: 'Uploads' });
    const refused = uploads.getByRole('listitem', { name: 'brochure.pdf' }).getByRole('alert');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toMatch(/PNG image/);
    const tooLarge = uploads.getByRole('listitem', { name: 'huge.txt' }).getByRole('alert');
    await expect(tooLarge.textContent()).resolves.toMatch(/larger than the upload limit of 64 KB/);
    await screenshot(page, 'knowledge-05-refused');
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    expect(await sourceRow(page, 'brochure.pdf').count()).toBe(0);
    // The server agrees on the size, whatever a client checks: 413 with the envelope.
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(UPLOAD_LIMIT + 1, 'a')], { type: 'text/plain' }), 'huge.txt');
    const direct = await fetch(`${server.url}/api/v1/knowledge/sources/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: form,
    });
    expect(direct.status).toBe(413);
    expect(((await direct.json()) as any).error.code).toBe('payload_too_large');
  });

  it('answers an unanswered question with one click, and the agent then gives that answer', async () => {
    const agent = await v1('/api/v1/agents', { name: 'Shop helper' });
    expect(agent.status).toBe(201);
    const question = 'Can I bring my dog into the shop?';
    const ask = async () => {
      const conversation = await v1('/api/v1/conversations', { agentId: agent.body.agent.id });
      return (await v1(`/api/v1/conversations/${conversation.body.conversation.id}/messages`, { content: question }))
        .body;
    };
    expect((await ask()).offerHuman).toBe(true);

    const page = await owner.newPage();
    await page.goto(`${knowledgeUrl()}?tab=unanswered`);
    const group = page.getByRole('list', { name: 'Unanswered questions' }).getByRole('listitem', { name: question });
    await expect(group.textContent()).resolves.toMatch(/Asked once/);
    await screenshot(page, 'knowledge-06-unanswered');
    await group.getByRole('button', { name: `Add an answer to ${question}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an answer' });
    await expect(dialog.getByLabel('Question').inputValue()).resolves.toBe(question);
    const answer = 'Yes: dogs on a lead are welcome in all our shops.';
    await dialog.getByLabel('Answer').fill(answer);
    await dialog.getByRole('button', { name: 'Save answer' }).click();
    await page.getByRole('heading', { name: 'No unanswered questions' }).waitFor();
    await page.getByRole('tab', { name: 'Q&A' }).click();
    await page
      .getByRole('list', { name: 'Questions and answers' })
      .getByRole('listitem', { name: question })
      .getByText(answer)
      .waitFor();
    await screenshot(page, 'knowledge-07-qa');

    const search = await v1('/api/v1/knowledge/search', { query: question });
    expect(search.body.passages[0].qa).toMatchObject({ question, answer });
    const reply = await ask();
    expect(reply.content).toContain(answer);
    expect(reply.offerHuman).toBe(false);
  });

  it('renames a source in its details, then deletes it after a confirmation', async () => {
    const page = await owner.newPage();
    await page.goto(knowledgeUrl());
    await sourceRow(page, 'returns-policy.md').getByRole('button', { name: 'Edit returns-policy.md' }).click();
    const details = page.getByRole('dialog', { name: 'returns-policy.md' });
    await details.getByText('Search language').waitFor();
    await screenshot(page, 'knowledge-09-details');
    await details.getByLabel('Title').fill('Returns policy');
    await details.getByRole('button', { name: 'Save changes' }).click();
    await sourceRow(page, 'Returns policy').waitFor();

    await sourceRow(page, 'Returns policy').getByRole('button', { name: 'Delete Returns policy' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Returns policy”?' });
    await expect(confirm.textContent()).resolves.toContain('and the uploaded file are removed');
    await confirm.getByRole('button', { name: 'Delete source' }).click();
    await page.getByText('Deleted “Returns policy”.').waitFor();
    await sourceRow(page, 'Returns policy').waitFor({ state: 'detached' });
    const search = await v1('/api/v1/knowledge/search', { query: 'tents backpacks returned 60 days' });
    expect(search.body.passages.map((p: { sourceTitle: string }) => p.sourceTitle)).not.toContain('Returns policy');
  });

  it('shows a viewer the knowledge without any way to change it (on a phone-sized screen)', async () => {
    const page = await viewer.newPage();
    await page.goto(knowledgeUrl());
    await sourceRow(page, 'Store opening hours').waitFor();
    expect(await page.getByRole('button', { name: 'Add source' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Delete|Edit|Retry|Sync)/ }).count()).toBe(0);
    await screenshot(page, 'knowledge-08-viewer-sources');
    // The details open read-only.
    await sourceRow(page, 'Store opening hours').getByRole('button', { name: 'Store opening hours' }).click();
    const details = page.getByRole('dialog', { name: 'Store opening hours' });
    await details.getByText('Passages').waitFor();
    expect(await details.getByRole('button', { name: /Save|Delete/ }).count()).toBe(0);
    await details.getByRole('button', { name: 'Close' }).first().click();
    await page.getByRole('tab', { name: 'Q&A' }).click();
    await page.getByRole('list', { name: 'Questions and answers' }).waitFor();
    expect(await page.getByRole('button', { name: /Add Q&A pair|Edit|Delete/ }).count()).toBe(0);
    // And the API refuses the viewer's change all the same.
    const refused = await sessionApi(server, viewer, workspaceId).post('/api/v1/knowledge/sources', {
      kind: 'text',
      title: 'Nope',
      text: 'Nope.',
    });
    expect(refused.status).toBe(403);
  });
});
