import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { waitForMailLinks } from './support/mail';
import { startServer, type RunningServer } from './support/server';

/**
 * The accounts journey as people live it: an owner signs up through the verification mail,
 * creates a workspace and invites a colleague; the colleague, in another browser, signs up
 * from the invitation and joins as an agent; an agent can't reach API keys in the UI or the API.
 */
describe('accounts in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const password = 'correct horse battery staple';
  const ownerEmail = 'owner@acme.test';
  const memberEmail = 'agent@acme.test';
  let workspaceUrl: string;
  let inviteLink: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // A fresh installation asks for its platform administrator before anyone signs up.
    const setup = await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Root', email: 'root@acme.test', password }),
    });
    expect(setup.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signUp(page: Page, name: string, email: string | null) {
    await page.getByLabel('Name').fill(name);
    if (email) await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  }

  it('signs the owner up through the verification mail and creates a workspace', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/signup`);
    await signUp(page, 'Olivia Owner', ownerEmail);
    const links = await waitForMailLinks(server.dataDir, ownerEmail, /Confirm your email/);
    await page.goto(links.find((l) => l.includes('verify-email'))!);
    await page.waitForURL(/\/onboarding$/);
    await page.getByLabel('Workspace name').fill('Acme Support');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Acme Support' }).waitFor();
    workspaceUrl = new URL(page.url()).pathname;
    expect(workspaceUrl).toMatch(/^\/w\/ten_[0-9a-z]{26}$/);
    await screenshot(page, 'accounts-01-workspace');

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Invite member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite member' });
    await dialog.getByLabel('Email').fill(memberEmail);
    await dialog.getByLabel('Role').selectOption('agent');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText(`Invitation sent to ${memberEmail}.`).waitFor();
    await page.getByRole('table', { name: 'Invitations' }).getByText(memberEmail).waitFor();
    await screenshot(page, 'accounts-02-invited');
    inviteLink = (await waitForMailLinks(server.dataDir, memberEmail, /invited you to Acme Support/)).find((l) =>
      l.includes('/invite/'),
    )!;
    expect(inviteLink).toMatch(/\/invite\/inv_/);
  });

  it('lets the invited colleague sign up from the invitation, in another browser, and join as agent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(inviteLink);
    await page.getByRole('heading', { name: 'Join Acme Support' }).waitFor();
    await page.getByRole('link', { name: 'Sign up to accept' }).click();
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(memberEmail);
    await signUp(page, 'Adam Agent', null);
    const links = await waitForMailLinks(server.dataDir, memberEmail, /Confirm your email/);
    await page.goto(links.find((l) => l.includes('verify-email'))!);
    await page.waitForURL(/\/invite\//);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL((url) => url.pathname.startsWith(workspaceUrl));
    await page.getByRole('heading', { level: 1, name: 'Acme Support' }).waitFor();

    // An agent's navigation has no API keys, and the page itself refuses.
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('link', { name: 'Team' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await screenshot(page, 'accounts-03-agent-overview');
    await page.goto(`${server.url}${workspaceUrl}/api-keys`);
    await page.getByRole('heading', { name: /Your role doesn.t give access to this page/ }).waitFor();
    await screenshot(page, 'accounts-04-agent-api-keys');

    // The API agrees, with the agent's own session.
    const workspaceId = workspaceUrl.split('/').pop()!;
    const api = await page.request.get(`${server.url}/api/v1/api-keys`, { headers: { 'x-workspace-id': workspaceId } });
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe('forbidden');
    const members = await page.request.get(`${server.url}/api/v1/members`, {
      headers: { 'x-workspace-id': workspaceId },
    });
    expect(members.status()).toBe(200);
    const roles = Object.fromEntries(
      ((await members.json()).members as Array<{ email: string; role: string }>).map((m) => [m.email, m.role]),
    );
    expect(roles).toEqual({ [ownerEmail]: 'owner', [memberEmail]: 'agent' });
    await context.close();
  });

  it('refuses the used invitation link afterwards', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(inviteLink);
    await page.getByRole('heading', { name: 'This invitation was already used' }).waitFor();
  });
});
