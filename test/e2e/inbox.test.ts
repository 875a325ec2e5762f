import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { openVisitor, visitorSays, waitForVisitorEvent } from './support/visitor';

/**
 * The hand-off as the two people live it, in two browser contexts: a visitor asks for a
 * human → the conversation appears live in the member's inbox → the member takes it over →
 * replies → the visitor sees the reply and who joined → the member releases it → the bot
 * answers the visitor again.
 */
describe('the inbox in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let memberContext: BrowserContext;
  let member: Page;
  let visitor: Page;
  let workspaceId: string;
  let apiKey: string;
  let agentId: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const setup = await fetch(`${server.url}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mia Member', email: 'mia@acme.test', password }),
    });
    expect(setup.status).toBe(201);
    memberContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    member = await memberContext.newPage();
    await member.goto(`${server.url}/login`);
    await member.getByLabel('Email').fill('mia@acme.test');
    await member.getByLabel('Password').fill(password);
    await member.getByRole('button', { name: 'Sign in' }).click();
    await member.getByLabel('Workspace name').fill('Acme Support');
    await member.getByRole('button', { name: 'Create workspace' }).click();
    await member.waitForURL(/\/w\/ten_/);
    workspaceId = new URL(member.url()).pathname.split('/')[2]!;
    // Set up through the API with the member's own session (the agents and knowledge pages are other work).
    const headers = { 'x-workspace-id': workspaceId, origin: server.url };
    apiKey = (
      await (
        await member.request.post(`${server.url}/api/v1/api-keys`, {
          headers,
          data: { name: 'website', scopes: ['read', 'write'] },
        })
      ).json()
    ).secret;
    agentId = (
      await (
        await member.request.post(`${server.url}/api/v1/agents`, { headers, data: { name: 'Acme helper' } })
      ).json()
    ).agent.id;
    expect(
      (
        await member.request.post(`${server.url}/api/v1/knowledge/qa`, {
          headers,
          data: { question: 'What are your opening hours?', answer: 'We are open 9:00–17:00, Monday to Friday.' },
        })
      ).status(),
    ).toBe(201);
    visitor = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hands the visitor to the member and back to the bot, live on both sides', async () => {
    const errors: string[] = [];
    member.on('pageerror', (error) => errors.push(error.message));
    await member.goto(`${server.url}/w/${workspaceId}/inbox`);
    await member.getByText('Nothing here right now').waitFor();
    await member.getByText('Everything is read.').waitFor();
    // The open inbox has told the server the member is online (its heartbeat): only then does a
    // hand-off promise a person.
    await expect
      .poll(async () => {
        const res = await member.request.get(`${server.url}/api/v1/inbox/members`, {
          headers: { 'x-workspace-id': workspaceId },
        });
        return ((await res.json()) as any).members?.some((m: any) => m.status === 'online') ?? false;
      })
      .toBe(true);

    // The visitor asks for a person: the bot says someone is coming, and stops answering.
    const conversationId = await openVisitor(visitor, server.url, apiKey, agentId);
    await waitForVisitorEvent(visitor, (e) => e.event === 'status' && e.data.status === 'bot');
    const asked = await visitorSays(visitor, conversationId, 'Hello, I would like to talk to a human please');
    expect(asked).toMatchObject({
      conversationStatus: 'pending_human',
      content: expect.stringContaining('connecting you with a person'),
    });
    await waitForVisitorEvent(visitor, (e) => e.event === 'status' && e.data.status === 'pending_human');

    // It appears in the member's inbox without a reload.
    const row = member.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: /Vera Visitor/ });
    await row.waitFor({ timeout: 10_000 });
    await member.getByText('Inbox (1)').waitFor();
    await screenshot(member, 'inbox-01-waiting');
    await row.click();
    await member
      .getByRole('log', { name: 'Conversation' })
      .getByText('Hello, I would like to talk to a human please')
      .waitFor();

    await member.getByRole('button', { name: 'Take over' }).click();
    await member.getByText('Mia Member took over').waitFor();
    const joined = await waitForVisitorEvent(visitor, (e) => e.event === 'status' && e.data.status === 'human');
    expect(joined.data.assignee).toMatchObject({ name: 'Mia Member' });
    // The bot stays silent while Mia has it.
    const queued = await visitorSays(visitor, conversationId, 'Are you there?');
    expect(queued).toMatchObject({ status: 'queued_for_human', messageId: null });
    await member.getByRole('log', { name: 'Conversation' }).getByText('Are you there?').waitFor();

    await member.getByLabel('Reply to the visitor').fill('Hi Vera, Mia here. How can I help?');
    await member.getByRole('button', { name: 'Send reply' }).click();
    const reply = await waitForVisitorEvent(visitor, (e) => e.event === 'message' && e.data.role === 'human');
    expect(reply.data).toMatchObject({ content: 'Hi Vera, Mia here. How can I help?', authorId: expect.any(String) });
    await screenshot(member, 'inbox-02-replied');

    await member.getByRole('button', { name: 'Release to bot' }).click();
    await member.getByText('Mia Member handed it back to the bot').waitFor();
    await waitForVisitorEvent(
      visitor,
      (e) => e.event === 'status' && e.data.status === 'bot' && e.data.cause === 'conversation.released',
    );
    const answer = await visitorSays(visitor, conversationId, 'What are your opening hours?');
    expect(answer).toMatchObject({
      status: 'complete',
      conversationStatus: 'bot',
      content: expect.stringContaining('9:00–17:00'),
    });
    await waitForVisitorEvent(
      visitor,
      (e) => e.event === 'message' && e.data.role === 'assistant' && e.data.content.includes('9:00–17:00'),
    );
    await member
      .getByRole('log', { name: 'Conversation' })
      .getByText(/We are open 9:00–17:00/)
      .waitFor();
    await screenshot(member, 'inbox-03-back-to-bot');
    expect(errors).toEqual([]);
  });
});
