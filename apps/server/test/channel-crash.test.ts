import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_ROOT } from '../src/platform/paths';
import { startChild, type Child } from './support/child';
import { TelegramPeer } from './support/channels/telegram-peer';
import { cloneTestDatabase, type TestDatabaseClone } from './support/database';
import { startModelServer, type ModelServer } from './support/model-server';
import { FAKE_KEY } from './support/model-server/harness';
import { startTestRuntime } from './support/runtime';
import { testWorkspace } from './support/workspace';

/**
 * `switchboard start` (embedded database) killed with SIGKILL after it acknowledged a
 * Telegram update and while the answer was being written (the model streams slowly), then
 * started again: the customer gets the answer, once.
 */
const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');
const MODEL_ENV = { OPENAI_API_KEY: FAKE_KEY, DEFAULT_MODEL: 'openai:gpt-4o-mini', EMBEDDING_MODEL: 'none' };
const SLOW = { text: Array.from({ length: 60 }, (_, i) => ` slow${i}`), tokenDelayMs: 250 };

let clone: TestDatabaseClone;
let models: ModelServer;
let peer: TelegramPeer;
let server: Child | null = null;
let token: string;
let channelId: string;
let base = '';

function start(): Promise<string> {
  server = startChild(
    BIN,
    {
      DATA_DIR: clone.dataDir,
      PORT: '0',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      REDIS_URL: '',
      OPENAI_BASE_URL: models.openaiBaseURL,
      TELEGRAM_API_URL: peer.url,
      ...MODEL_ENV,
    },
    ['start'],
  );
  return server.waitFor(/Switchboard is running: open/, 90_000).then((line) => (base = line.split('open ')[1]!.trim()));
}

async function until<T>(check: () => T | false | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  clone = await cloneTestDatabase();
  models = await startModelServer();
  peer = await TelegramPeer.start();
  const rt = await startTestRuntime(
    { OPENAI_BASE_URL: models.openaiBaseURL, TELEGRAM_API_URL: peer.url, ...MODEL_ENV },
    { http: true, work: false },
    clone,
  );
  try {
    const ws = await testWorkspace(rt, 'channel-crash');
    const agentId = (await ws.api.post('/api/v1/agents', { name: 'Crash agent', answerMode: 'generative' })).body.agent
      .id;
    token = peer.addBot('crash_bot');
    const created = await ws.owner.post('/api/v1/channels', {
      type: 'telegram',
      agentId,
      name: 'Crash bot',
      credentials: { botToken: token },
    });
    expect(created.status).toBe(201);
    channelId = created.body.channel.id;
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
  await peer?.close();
  await clone?.drop();
});

describe('a channel message across kill -9', () => {
  it('is answered after the restart, exactly once', async () => {
    await start();
    const mia = { id: 9901, first_name: 'Mia' };
    const update = peer.update(mia, 'Where is my parcel?');
    // The webhook address the child serves (the stored one names the set-up server's port).
    const deliver = () =>
      fetch(`${base}/api/channels/${channelId}/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': peer.webhookOf(token)!.secretToken,
        },
        body: JSON.stringify(update),
      });
    models.enqueue(SLOW);
    expect((await deliver()).status).toBe(200);
    // Acknowledged, and the answer is being written: now the process dies.
    await until(() => models.requests.some((r) => r.path === '/v1/chat/completions'));
    server!.process.kill('SIGKILL');
    expect((await server!.exited).signal).toBe('SIGKILL');
    expect(peer.sent(token, mia.id)).toHaveLength(0);
    models.reset();

    await start();
    // Telegram redelivers what it thinks unanswered; that changes nothing either.
    expect((await deliver()).status).toBe(200);
    const [answer] = await until(() => peer.sent(token, mia.id).length > 0 && peer.sent(token, mia.id), 60_000);
    expect(answer!.body.text).toBe('You said: Where is my parcel?');
    // A second message's answer arriving shows the first one's work is all done: still one answer to it.
    const later = peer.update(mia, 'Thanks!');
    const res = await fetch(`${base}/api/channels/${channelId}/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': peer.webhookOf(token)!.secretToken,
      },
      body: JSON.stringify(later),
    });
    expect(res.status).toBe(200);
    await until(() => peer.sent(token, mia.id).length >= 2, 60_000);
    const texts = peer.sent(token, mia.id).map((c) => c.body.text as string);
    expect(texts.filter((t) => t === 'You said: Where is my parcel?')).toHaveLength(1);
    expect(texts).toContain('You said: Thanks\\!');
  }, 240_000);
});
