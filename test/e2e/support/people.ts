import type { BrowserContext } from 'playwright-core';
import { waitForMailLinks } from './mail';
import type { RunningServer } from './server';

/**
 * Signs a person up through the API, opens the verification link from their mail and signs
 * them in, all in this browser context (so its pages carry the session cookie). For tests
 * where the sign-up screens are not the point.
 */
export async function signUpInContext(
  server: RunningServer,
  context: BrowserContext,
  person: { name: string; email: string; password: string },
): Promise<void> {
  const headers = { origin: server.url };
  const up = await context.request.post(`${server.url}/api/auth/sign-up/email`, { data: person, headers });
  if (!up.ok()) throw new Error(`sign-up failed: ${up.status()} ${await up.text()}`);
  const link = (await waitForMailLinks(server.dataDir, person.email, /Confirm your email/)).find((l) =>
    l.includes('verify-email'),
  );
  if (!link) throw new Error(`no verification link for ${person.email}`);
  await context.request.get(link, { maxRedirects: 0 });
  const signIn = await context.request.post(`${server.url}/api/auth/sign-in/email`, {
    data: { email: person.email, password: person.password },
    headers,
  });
  if (signIn.status() !== 200) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
}

/** JSON calls with the context's session, for a workspace, with the Origin the server wants on changes. */
export function sessionApi(server: RunningServer, context: BrowserContext, workspaceId?: string) {
  const headers = { origin: server.url, ...(workspaceId && { 'x-workspace-id': workspaceId }) };
  return {
    async post<T = any>(path: string, data: unknown): Promise<{ status: number; body: T }> {
      const response = await context.request.post(`${server.url}${path}`, { data, headers });
      return { status: response.status(), body: (await response.json()) as T };
    },
    async get<T = any>(path: string): Promise<{ status: number; body: T }> {
      const response = await context.request.get(`${server.url}${path}`, { headers });
      return { status: response.status(), body: (await response.json()) as T };
    },
  };
}
