import { signedInUser, TestClient } from './client';
import type { TestRuntime } from './runtime';

export interface TestWorkspace {
  id: string;
  /** The owner's signed-in browser-like client, pointed at the workspace. */
  owner: TestClient;
  ownerId: string;
  /** A read/write API key client. */
  api: TestClient;
  apiKey: string;
}

/** A workspace with its owner signed in and a read/write API key. */
export async function testWorkspace(rt: TestRuntime, label = 'ws'): Promise<TestWorkspace> {
  const person = await signedInUser(rt, `${label}-owner`);
  const created = await person.client.post('/api/v1/workspaces', { name: `${label} workspace` });
  if (created.status !== 201)
    throw new Error(`workspace creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.workspace.id as string;
  person.client.workspaceId = id;
  const key = await person.client.post('/api/v1/api-keys', { name: 'tests', scopes: ['read', 'write'] });
  if (key.status !== 201) throw new Error(`API key creation failed: ${key.status}`);
  const apiKey = key.body.secret as string;
  return { id, owner: person.client, ownerId: person.userId, api: new TestClient(rt, apiKey), apiKey };
}

export interface SseEvent {
  event: string;
  data: any;
  id?: string;
}

/** Parses a whole text/event-stream body into events. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('id:')) id = line.slice(3).trim();
    }
    const raw = data.join('\n');
    let parsed: unknown = raw;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // not JSON: kept as text
    }
    events.push({ event, data: parsed, ...(id !== undefined && { id }) });
  }
  return events;
}

/** Sends a chat message; SSE when `stream`, parsed into events. */
export async function say(
  client: TestClient,
  conversationId: string,
  content: string,
  options: { stream?: boolean; idempotencyKey?: string } = {},
): Promise<{ status: number; body: any; events: SseEvent[] }> {
  const headers: Record<string, string> = {};
  if (options.stream) headers.accept = 'text/event-stream';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await client.fetch(`/api/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    json: { content },
    headers,
  });
  const text = await response.text();
  if (options.stream && response.headers.get('content-type')?.includes('text/event-stream')) {
    return { status: response.status, body: undefined, events: parseSse(text) };
  }
  return { status: response.status, body: text ? JSON.parse(text) : undefined, events: [] };
}
