import type { TestRuntime } from './runtime';
import { readFrames } from './sse';
import { parseSse, type SseEvent, type TestWorkspace } from './workspace';

export const SITE = 'https://shop.example.test';

/** An agent with its widget set up and `SITE` allowed. */
export async function widgetFor(
  ws: TestWorkspace,
  agentId: string,
  allowedOrigins: string[] = [SITE],
): Promise<{ publicKey: string; widget: any }> {
  const created = await ws.owner.post('/api/v1/widgets', { agentId });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`widget setup failed: ${created.status} ${JSON.stringify(created.body)}`);
  const patched = await ws.owner.json(`/api/v1/widgets/${agentId}`, { method: 'PATCH', json: { allowedOrigins } });
  if (patched.status !== 200) throw new Error(`widget patch failed: ${patched.status} ${JSON.stringify(patched.body)}`);
  return { publicKey: patched.body.widget.publicKey, widget: patched.body.widget };
}

/**
 * A visitor's browser talking to one widget from one origin, as the widget script does:
 * Origin on every call, the visitor token once there is a session.
 */
export class VisitorClient {
  token: string | null = null;
  conversationId: string | null = null;
  visitor: { id: string; key: string | null } | null = null;

  constructor(
    readonly rt: TestRuntime,
    public publicKey: string,
    public origin: string = SITE,
  ) {}

  base(): string {
    return `/api/widget/v1/${this.publicKey}`;
  }

  async call(
    path: string,
    init: RequestInit & { json?: unknown; token?: string | null } = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await this.raw(path, init);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (an attachment's bytes)
    }
    return { status: response.status, body, headers: response.headers };
  }

  raw(path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.origin && !headers.has('origin')) headers.set('origin', this.origin);
    const token = init.token === undefined ? this.token : init.token;
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return this.rt.fetch(path.startsWith('/api/') ? path : `${this.base()}${path}`, { ...init, headers, body });
  }

  /** Starts (or resumes) the session and remembers the visitor, conversation and token. */
  async session(extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
    const res = await this.call('/session', {
      method: 'POST',
      json: {
        ...(this.visitor ? { visitorId: this.visitor.id, visitorKey: this.visitor.key ?? undefined } : {}),
        ...(this.conversationId ? { conversationId: this.conversationId } : {}),
        create: true,
        ...extra,
      },
    });
    if (res.status === 200) {
      this.token = res.body.token;
      this.conversationId = res.body.conversation?.id ?? null;
      this.visitor = res.body.visitor;
    }
    return res;
  }

  conversationPath(rest: string, conversationId = this.conversationId): string {
    return `/conversations/${conversationId}${rest}`;
  }

  async send(
    content: string,
    options: { stream?: boolean; idempotencyKey?: string } = {},
  ): Promise<{ status: number; body: any; events: SseEvent[] }> {
    const headers: Record<string, string> = {};
    if (options.stream) headers.accept = 'text/event-stream';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await this.raw(this.conversationPath('/messages'), { method: 'POST', json: { content }, headers });
    const text = await response.text();
    if (response.headers.get('content-type')?.includes('text/event-stream'))
      return { status: response.status, body: undefined, events: parseSse(text) };
    return { status: response.status, body: text ? JSON.parse(text) : undefined, events: [] };
  }

  post(path: string, json: unknown) {
    return this.call(this.conversationPath(path), { method: 'POST', json });
  }

  /** The live event stream, read frame by frame. */
  async events(headers: Record<string, string> = {}) {
    const controller = new AbortController();
    const response = await this.raw(this.conversationPath('/events'), {
      headers: { accept: 'text/event-stream', ...headers },
      signal: controller.signal,
    });
    return { ...readFrames(response, controller), response };
  }
}
