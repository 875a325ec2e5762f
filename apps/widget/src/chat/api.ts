import type { Identity } from '../types';
import { readSse, type SseFrame } from './sse';
import { save, type Saved } from './store';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Array<{ path: string; message: string }>,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => null);
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http_error',
    body?.error?.message ?? `HTTP ${response.status}`,
    body?.error?.details,
  );
}

export interface SessionOptions {
  create?: boolean;
  fresh?: boolean;
  identity?: Identity | null;
  channel: 'widget' | 'hosted';
}

/**
 * The widget's side of /api/widget/v1: the session (visitor, conversation, token) kept in
 * step with what is saved, and the conversation calls, which renew an expired token once.
 */
export class WidgetApi {
  token: string | null = null;
  conversationId: string | null = null;
  status = 'bot';
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly base: string,
    private readonly key: string,
    readonly saved: Saved,
    private readonly options: () => SessionOptions,
    /** A resume link's token: the session opens its conversation until the visitor starts a new one. */
    private resumeToken: string | null = null,
  ) {
    this.conversationId = saved.c ?? null;
  }

  private url(path: string): string {
    return `${this.base}/api/widget/v1/${encodeURIComponent(this.key)}${path}`;
  }

  persist(): void {
    save(this.key, this.saved);
  }

  /** Leaves the current conversation (the next message starts another). */
  forget(): void {
    this.conversationId = null;
    this.token = null;
    this.saved.c = undefined;
    this.persist();
  }

  async session(extra: { create?: boolean; fresh?: boolean } = {}): Promise<boolean> {
    const { identity, channel, ...rest } = { ...this.options(), ...extra };
    if (rest.fresh) this.resumeToken = null;
    const response = await fetch(this.url('/session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        visitorId: this.saved.v,
        visitorKey: this.saved.k,
        conversationId: rest.fresh ? undefined : (this.conversationId ?? undefined),
        create: Boolean(rest.create),
        fresh: Boolean(rest.fresh),
        channel,
        page: { url: location.href.slice(0, 2000), title: document.title.slice(0, 300) },
        locale: navigator.language,
        ...(identity ? { identity } : {}),
        ...(this.resumeToken ? { resume: this.resumeToken } : {}),
      }),
    });
    if (!response.ok) throw await failure(response);
    const body = await response.json();
    this.saved.v = body.visitor.id;
    this.saved.k = body.visitor.key ?? undefined;
    this.conversationId = body.conversation?.id ?? null;
    this.saved.c = this.conversationId ?? undefined;
    this.status = body.conversation?.status ?? 'bot';
    this.token = body.token;
    this.persist();
    return Boolean(this.conversationId);
  }

  /** A conversation to talk in: the current one, or a new one. */
  async ensureConversation(fresh = false): Promise<void> {
    if (!this.token || !this.conversationId || fresh) await this.session({ create: true, fresh });
  }

  async call(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
    if (!this.token) await this.ensureConversation();
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    const response = await fetch(this.url(`/conversations/${this.conversationId}${path}`), { ...init, headers });
    if (response.status === 401 && !retried) {
      // Tokens are short-lived: a new one for the same conversation, then the call again.
      this.renewing ??= this.session()
        .then(() => undefined)
        .finally(() => (this.renewing = null));
      await this.renewing;
      return this.call(path, init, true);
    }
    if (!response.ok) throw await failure(response);
    return response;
  }

  post(path: string, json: unknown): Promise<Response> {
    return this.call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
  }

  async send(
    content: string,
    idempotencyKey: string,
    signal: AbortSignal,
    onFrame: (frame: SseFrame) => void,
  ): Promise<void> {
    const response = await this.call('/messages', {
      method: 'POST',
      signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ content }),
    });
    await readSse(response, onFrame);
  }

  async events(lastId: string | null, signal: AbortSignal, onFrame: (frame: SseFrame) => void): Promise<void> {
    const response = await this.call('/events', {
      headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
      signal,
    });
    await readSse(response, onFrame);
  }

  async upload(file: File): Promise<{ id: string; name: string; kind: string }> {
    const form = new FormData();
    form.append('file', file);
    return (await (await this.call('/attachments', { method: 'POST', body: form })).json()).attachment;
  }

  async attachment(id: string): Promise<Blob> {
    return (await this.call(`/attachments/${id}`)).blob();
  }
}
