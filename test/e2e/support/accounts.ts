import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { waitForMailLinks } from './mail';
import type { RunningServer } from './server';

export const PASSWORD = 'correct horse battery staple';

/**
 * Signs a person up through the API and opens the verification link in this browser context,
 * which signs them in: for tests where the sign-up screens are not the point.
 */
export async function signUpAndVerify(
  server: RunningServer,
  context: BrowserContext,
  name: string,
  email: string,
): Promise<void> {
  const response = await context.request.post(`${server.url}/api/auth/sign-up/email`, {
    headers: { origin: server.url },
    data: { name, email, password: PASSWORD, callbackURL: '/' },
  });
  if (!response.ok()) throw new Error(`sign-up of ${email} failed: ${response.status()} ${await response.text()}`);
  const links = await waitForMailLinks(server.dataDir, email, /Confirm your email/);
  const page = await context.newPage();
  await page.goto(links.find((l) => l.includes('verify-email'))!);
  await page.waitForURL((url) => !url.pathname.includes('verify-email'));
  await page.close();
}

/** JSON calls with this context's session, as the dashboard makes them (Origin and workspace headers). */
export function sessionApi(server: RunningServer, context: BrowserContext, workspaceId?: string) {
  const headers = { origin: server.url, ...(workspaceId && { 'x-workspace-id': workspaceId }) };
  return {
    async get(path: string) {
      const response = await context.request.get(`${server.url}${path}`, { headers });
      return { status: response.status(), body: await response.json() };
    },
    async send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, data: unknown = {}) {
      const response = await context.request.fetch(`${server.url}${path}`, { method, headers, data });
      return { status: response.status(), body: await response.json() };
    },
  };
}

/** Sends JSON with the app's Origin (cookie requests that change state must carry it). */
export async function postJson(
  request: APIRequestContext,
  server: RunningServer,
  path: string,
  data: unknown,
  headers: Record<string, string> = {},
) {
  const response = await request.post(`${server.url}${path}`, { data, headers: { origin: server.url, ...headers } });
  const body = await response.json().catch(() => undefined);
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${JSON.stringify(body)}`);
  return body;
}

/**
 * A person who signed up and followed the verification mail, signed in inside `context`
 * (its cookies are the browser's), as the sign-up page would leave them.
 */
export async function verifiedAccount(
  server: RunningServer,
  context: BrowserContext,
  name: string,
  email: string,
): Promise<void> {
  await postJson(context.request, server, '/api/auth/sign-up/email', {
    name,
    email,
    password: PASSWORD,
    callbackURL: '/onboarding',
  });
  const link = (await waitForMailLinks(server.dataDir, email, /Confirm your email/)).find((l) =>
    l.includes('/api/auth/verify-email'),
  );
  if (!link) throw new Error(`no verification link for ${email}`);
  const verified = await context.request.get(link.replace(/^https?:\/\/[^/]+/, server.url), { maxRedirects: 0 });
  if (verified.status() !== 302) throw new Error(`verification answered ${verified.status()}`);
}

/** The first platform administrator, which a fresh installation asks for before anything else. */
export async function completeSetup(server: RunningServer): Promise<void> {
  const response = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Root', email: 'root@acme.test', password: PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`setup answered ${response.status}`);
}
