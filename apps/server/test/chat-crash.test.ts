import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../src/platform/paths';
import { startChild, type Child } from './support/child';
import { cloneTestDatabase, type TestDatabaseClone } from './support/database';
import { startModelServer, type ModelServer } from './support/model-server';
import { FAKE_KEY } from './support/model-server/harness';
import { startTestRuntime } from './support/runtime';
import { readFrames, type OpenStream } from './support/sse';
import { VisitorClient, widgetFor } from './support/widget';
import { parseSse, testWorkspace } from './support/workspace';

/**
 * `switchboard start` (embedded database) killed with SIGKILL while three answers stream — an
 * API turn read as SSE, one waiting for JSON and a widget turn — then started again. The
 * answers the crash cut off are `interrupted` as soon as the server is up; the client's retry
 * with the same Idempotency-Key (what the widget sends after a dropped connection) gets the
 * answer, in the same reply slot; the same key again replays it and calls no model.
 */
const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');
const MODEL_ENV = { OPENAI_API_KEY: FAKE_KEY, DEFAULT_MODEL: 'openai:gpt-4o-mini', EMBEDDING_MODEL: 'none' };
const SLOW = { text: Array.from({ length: 60 }, (_, i) => ` slow${i}`), tokenDelayMs: 250 };

let clone: TestDatabaseClone;
let models: ModelServer;
let server: Child | null = null;
let apiKey: string;
let agentId: string;
let publicKey: string;
/** Where the running child listens (each start picks a free port). */
let base = '';

function start(): Promise<string> {
  const child = startChild(
    BIN,
    {
      DATA_DIR: clone.dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      OPENAI_BASE_URL: models.openaiBaseURL,
      ...MODEL_ENV,
    },
    ['start'],
  );
  server = child;
  return child.waitFor(/Switchboard is running: open/, 90_000).then((line) => (base = line.split('open ')[1]!.trim()));
}

const api = (pathname: string, init: RequestInit = {}) =>
  fetch(`${base}${pathname}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, ...(init.headers ?? {}) } });
const apiJson = async (pathname: string, init: RequestInit = {}) => {
  const response = await api(pathname, init);
  return { status: response.status, body: (await response.json()) as any };
};
const send = (conversationId: string, content: string, key: string, accept: string, signal?: AbortSignal) =>
  api(`/api/v1/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, 'idempotency-key': key },
    body: JSON.stringify({ content }),
    ...(signal && { signal }),
  });
const tokensOf = (stream: OpenStream) => stream.of('token').length;
const apiMessages = async (conversationId: string) =>
  (await apiJson(`/api/v1/conversations/${conversationId}/messages`)).body.messages as any[];
const shape = (messages: any[]) => messages.map((m) => [m.role, m.status, m.content]);

beforeAll(async () => {
  clone = await cloneTestDatabase();
  models = await startModelServer();
  // The workspace, agent and widget are set up by an in-process server on the same data
  // directory, stopped before the child takes it.
  const rt = await startTestRuntime(
    { OPENAI_BASE_URL: models.openaiBaseURL, ...MODEL_ENV },
    { http: true, work: false },
    clone,
  );
  try {
    const ws = await testWorkspace(rt, 'crash');
    apiKey = ws.apiKey;
    agentId = (await ws.api.post('/api/v1/agents', { name: 'Crash agent', answerMode: 'generative' })).body.agent.id;
    ({ publicKey } = await widgetFor(ws, agentId));
  } finally {
    await rt.stop();
  }
}, 120_000);

afterAll(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGKILL');
    await server.exited;
  }
  await models?.close();
  await clone?.drop();
});

describe('a turn across kill -9', () => {
  it('marks the cut-off answers interrupted at start-up; the retry answers them once, and replays after that', async () => {
    await start();
    const visitor = new VisitorClient(
      { fetch: (p: string, init?: RequestInit) => fetch(`${base}${p}`, init) } as never,
      publicKey,
    );
    expect((await visitor.session()).status).toBe(200);
    const sseConversation = (
      await apiJson('/api/v1/conversations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agentId }),
      })
    ).body.conversation.id as string;
    const jsonConversation = (
      await apiJson('/api/v1/conversations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agentId }),
      })
    ).body.conversation.id as string;
    const widgetConversation = visitor.conversationId!;
    const turns = [
      { conversation: sseConversation, content: 'Where is my parcel?', key: 'crash-sse' },
      { conversation: jsonConversation, content: 'Can I return shoes?', key: 'crash-json' },
      { conversation: widgetConversation, content: 'Do you ship abroad?', key: 'w-crash-widget' },
    ];

    // Three slow answers start streaming; the server dies in the middle of them.
    models.enqueue(SLOW, SLOW, SLOW);
    const aborts = turns.map(() => new AbortController());
    const sse = readFrames(
      await send(turns[0]!.conversation, turns[0]!.content, turns[0]!.key, 'text/event-stream', aborts[0]!.signal),
      aborts[0]!,
    );
    const json = send(
      turns[1]!.conversation,
      turns[1]!.content,
      turns[1]!.key,
      'application/json',
      aborts[1]!.signal,
    ).catch((error: Error) => error);
    const widget = readFrames(
      await visitor.raw(visitor.conversationPath('/messages'), {
        method: 'POST',
        json: { content: turns[2]!.content },
        headers: { accept: 'text/event-stream', 'idempotency-key': turns[2]!.key },
        signal: aborts[2]!.signal,
      }),
      aborts[2]!,
    );
    await sse.waitFor(
      () =>
        tokensOf(sse) >= 3 &&
        tokensOf(widget) >= 3 &&
        models.requests.filter((r) => r.path === '/v1/chat/completions').length === 3,
      30_000,
    );
    server!.process.kill('SIGKILL');
    expect((await server!.exited).signal).toBe('SIGKILL');
    expect(await json).toBeInstanceOf(Error);
    for (const stream of [sse, widget]) expect(stream.of('done')).toEqual([]);
    models.reset();

    await start();
    // (a) Right after start-up, the answers the crash cut off are interrupted (not "streaming").
    for (const turn of turns.slice(0, 2))
      expect(shape(await apiMessages(turn.conversation))).toEqual([
        ['user', 'complete', turn.content],
        ['assistant', 'interrupted', ''],
      ]);
    const seenByVisitor = (await visitor.call(visitor.conversationPath('/messages'))).body.messages;
    expect(shape(seenByVisitor)).toEqual([
      ['user', 'complete', turns[2]!.content],
      ['assistant', 'interrupted', ''],
    ]);
    const claims = await Promise.all(
      turns.slice(0, 2).map(async (t) => (await apiMessages(t.conversation))[1].id as string),
    );
    claims.push(seenByVisitor[1].id);

    // (b) The retry with the same key answers, in the slot the crash left (the echo model: "You said: …").
    const streamed = parseSse(
      await (await send(turns[0]!.conversation, turns[0]!.content, turns[0]!.key, 'text/event-stream')).text(),
    );
    expect(
      streamed
        .filter((e) => e.event === 'token')
        .map((e) => e.data.text)
        .join(''),
    ).toBe(`You said: ${turns[0]!.content}`);
    expect(streamed.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'complete', messageId: claims[0], content: `You said: ${turns[0]!.content}` },
    });
    const answered = await send(turns[1]!.conversation, turns[1]!.content, turns[1]!.key, 'application/json');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      status: 'complete',
      messageId: claims[1],
      content: `You said: ${turns[1]!.content}`,
    });
    const fromWidget = await visitor.send(turns[2]!.content, { stream: true, idempotencyKey: turns[2]!.key });
    expect(fromWidget.events.at(-1)).toMatchObject({
      event: 'done',
      data: { status: 'complete', messageId: claims[2], content: `You said: ${turns[2]!.content}` },
    });

    // (c) The same key again replays that answer: no third answer, no model call.
    for (const [i, turn] of turns.entries()) {
      const again =
        i === 2
          ? (await visitor.send(turn.content, { idempotencyKey: turn.key })).body
          : await (await send(turn.conversation, turn.content, turn.key, 'application/json')).json();
      expect(again).toMatchObject({
        replayed: true,
        status: 'complete',
        messageId: claims[i],
        content: `You said: ${turn.content}`,
      });
      expect(shape(await apiMessages(turn.conversation))).toEqual([
        ['user', 'complete', turn.content],
        ['assistant', 'complete', `You said: ${turn.content}`],
      ]);
    }
    expect(models.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);

    server!.process.kill('SIGTERM');
    expect((await server!.exited).code).toBe(0);
  }, 240_000);
});
