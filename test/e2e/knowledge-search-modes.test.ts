import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { sessionApi, signUpInContext } from './support/people';
import { startServer, type RunningServer } from './support/server';

/**
 * The default install (no EMBEDDING_MODEL, no key): the sources list says which sources are
 * searched by keywords only because the built-in model cannot read their language, and an
 * English source is searched by meaning once the background job has embedded it.
 */
describe('how sources are searched, in the sources list', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: BrowserContext;
  let workspaceId: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ EMBEDDING_MODEL: '' }), launchBrowser()]);
    const setup = await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Root', email: 'root@modes.test', password }),
    });
    expect(setup.status).toBe(201);
    owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await signUpInContext(server, owner, { name: 'Mia Manager', email: 'owner@modes.test', password });
    const created = await sessionApi(server, owner).post('/api/v1/workspaces', { name: 'Tienda' });
    workspaceId = created.body.workspace.id;
    const api = sessionApi(server, owner, workspaceId);
    const add = (title: string, text: string) => api.post('/api/v1/knowledge/sources', { kind: 'text', title, text });
    expect(
      (
        await add(
          'Returns',
          'You can return any item within 30 days of purchase if it is unworn and still has its tags.',
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await add(
          'Devoluciones',
          'Puede devolver cualquier artículo en los 30 días siguientes a la compra, siempre que no se haya usado y conserve sus etiquetas. El reembolso se hace con el mismo método de pago.',
        )
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('marks the Spanish source as searched by keywords only, and the English one by meaning', async () => {
    const page = await owner.newPage();
    await page.goto(`${server.url}/w/${workspaceId}/knowledge`);
    const list = page.getByRole('list', { name: 'Sources' });
    const spanish = list.getByRole('listitem', { name: 'Devoluciones' });
    await spanish.getByText('Ready', { exact: true }).waitFor({ timeout: 30_000 });
    await expect(spanish.getByTestId('source-search').textContent()).resolves.toBe(
      'Searched by keywords only: language Spanish',
    );
    // The English source's note (progress while it is embedded) goes once it is searched by meaning.
    const english = list.getByRole('listitem', { name: 'Returns' });
    await english.getByText('Ready', { exact: true }).waitFor({ timeout: 30_000 });
    await english.getByTestId('source-search').waitFor({ state: 'detached', timeout: 120_000 });
    await screenshot(page, 'knowledge-search-modes');
    await english.getByRole('button', { name: 'Returns', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Returns' }).textContent()).resolves.toContain(
      'By meaning and keywords',
    );
  }, 180_000);
});
