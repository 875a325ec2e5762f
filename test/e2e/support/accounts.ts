import type { BrowserContext } from 'playwright-core';
import { waitForMailLinks } from './mail';
import type { RunningServer } from './server';

export const PASSWORD = 'correct horse battery staple';

/**
 * Signs a person up through the API and opens the verification link in this browser context,
 * which signs them in: for tests where the sign-up screens are not the point.
 */
export async function signUpAndVerify(server: RunningServer, context: BrowserContext, name: string, email: string): Promise<void> {
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
