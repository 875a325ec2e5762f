import { waitForMailLinks } from './mail';
import type { RunningServer } from './server';

/** A signed-in person as a plain HTTP client: cookies kept, the app's Origin sent. */
export class SessionClient {
  private readonly cookies = new Map<string, string>();
  workspaceId: string | null = null;

  constructor(readonly server: RunningServer) {}

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('origin', this.server.url);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (this.workspaceId) headers.set('x-workspace-id', this.workspaceId);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const response = await fetch(path.startsWith('http') ? path : `${this.server.url}${path}`, {
      ...init,
      headers,
      body,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return response;
  }

  async json(path: string, init: RequestInit & { json?: unknown } = {}): Promise<any> {
    const response = await this.fetch(path, init);
    const body = await response.json();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** The session cookie, to hand to a browser context. */
  cookieList(): Array<{ name: string; value: string; url: string }> {
    return [...this.cookies].map(([name, value]) => ({ name, value, url: this.server.url }));
  }
}

const PASSWORD = 'correct horse battery staple';

/** An owner who signed up through the verification mail (named `name`), with a workspace and a read/write API key. */
export async function ownerWorkspace(
  server: RunningServer,
  label: string,
  options: { name?: string } = {},
): Promise<{ owner: SessionClient; workspaceId: string; apiKey: string; email: string; password: string }> {
  const email = `${label}-${Date.now().toString(36)}@example.test`;
  const owner = new SessionClient(server);
  await owner.json('/api/auth/sign-up/email', {
    method: 'POST',
    json: { name: options.name ?? `${label} owner`, email, password: PASSWORD },
  });
  const links = await waitForMailLinks(server.dataDir, email, /Confirm your email/);
  await owner.fetch(links.find((l) => l.includes('verify-email'))!);
  await owner.json('/api/auth/sign-in/email', { method: 'POST', json: { email, password: PASSWORD } });
  const { workspace } = await owner.json('/api/v1/workspaces', {
    method: 'POST',
    json: { name: `${label} workspace` },
  });
  owner.workspaceId = workspace.id;
  const { secret } = await owner.json('/api/v1/api-keys', {
    method: 'POST',
    json: { name: 'e2e', scopes: ['read', 'write'] },
  });
  return { owner, workspaceId: workspace.id, apiKey: secret, email, password: PASSWORD };
}

/** An agent answering a Q&A pair, with its widget allowed on `origins`. */
export async function agentWithWidget(
  ws: { owner: SessionClient; apiKey: string },
  options: {
    origins: string[];
    agent?: Record<string, unknown>;
    qa?: Array<[string, string]>;
    widget?: Record<string, unknown>;
  },
): Promise<{ agentId: string; publicKey: string; snippet: string; hostedUrl: string }> {
  const api = (path: string, json: unknown) =>
    fetch(`${ws.owner.server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(json),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
      return r.json() as Promise<any>;
    });
  const { agent } = await api('/api/v1/agents', { name: 'Shop helper', ...options.agent });
  for (const [question, answer] of options.qa ?? []) await api('/api/v1/knowledge/qa', { question, answer });
  await ws.owner.json('/api/v1/widgets', { method: 'POST', json: { agentId: agent.id } });
  const { widget } = await ws.owner.json(`/api/v1/widgets/${agent.id}`, {
    method: 'PATCH',
    json: { allowedOrigins: options.origins, ...options.widget },
  });
  return { agentId: agent.id, publicKey: widget.publicKey, snippet: widget.snippet, hostedUrl: widget.hostedUrl };
}
