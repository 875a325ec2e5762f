import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { provisionUser } from '../../apps/server/src/modules/accounts';
import { createAgent } from '../../apps/server/src/modules/agents';
import { createChannel } from '../../apps/server/src/modules/channels';
import { createQaPair } from '../../apps/server/src/modules/knowledge';
import { createWorkspace } from '../../apps/server/src/modules/tenants';
import { loadConfig } from '../../apps/server/src/platform/config';
import { createLogger } from '../../apps/server/src/platform/log';
import { startRuntime } from '../../apps/server/src/runtime';
import { summarize, type BenchResult, type BenchSuite } from '../lib';

/**
 * Telegram updates into a whole server at BENCH_CHANNEL_RATE a second (100) for
 * BENCH_CHANNEL_SECONDS (60), each from a new chat asking a question with a curated answer:
 * how fast the webhook is acknowledged (against /healthz at the same rate: the floor), how
 * fast the answer reaches the local Bot API, and that every message is answered exactly once.
 */
const RATE = Number(process.env.BENCH_CHANNEL_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_CHANNEL_SECONDS ?? 60);
const TOKEN = '7000000001:AAHbenchbenchbenchbenchbenchbenchbe';

/** A minimal Bot API: setWebhook, getMe, sendChatAction, and sendMessage arrivals by chat. */
async function botApi() {
  const answers = new Map<string, number[]>();
  let secret = '';
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const method = /\/bot[^/]+\/(\w+)$/.exec(req.url ?? '')?.[1];
      const body = parts.length ? (JSON.parse(Buffer.concat(parts).toString()) as Record<string, any>) : {};
      if (method === 'setWebhook') secret = body.secret_token;
      if (method === 'sendMessage') {
        const chat = String(body.chat_id);
        answers.set(chat, [...(answers.get(chat) ?? []), performance.now()]);
      }
      const result = method === 'getMe' ? { id: 1, is_bot: true, username: 'bench_bot' } : { message_id: 1 };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    secret: () => secret,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls `fn(i)` RATE times a second for `seconds`; each call's latency and its start. */
async function paced(
  seconds: number,
  fn: (i: number) => Promise<void>,
): Promise<{ latency: number[]; start: number[] }> {
  const total = Math.round(RATE * seconds);
  const latency: number[] = new Array(total);
  const start: number[] = new Array(total);
  const began = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = began + (i * 1000) / RATE - performance.now();
    if (wait > 0) await sleep(wait);
    start[i] = performance.now();
    pending.push(fn(i).then(() => void (latency[i] = performance.now() - start[i]!)));
  }
  await Promise.all(pending);
  return { latency, start };
}

export const channelsSuite: BenchSuite = {
  name: 'channels',
  description: `Telegram webhook acknowledged and answered, ${RATE}/s for ${SECONDS}s, against /healthz`,
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const installation = await ctx.freshInstallation(mode);
      const api = await botApi();
      const config = loadConfig({
        ...installation.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        TELEGRAM_API_URL: api.url,
        RATE_LIMIT_PER_MINUTE: '1000000',
      });
      const runtime = await startRuntime(config, createLogger('silent'), { http: true, work: true });
      try {
        const owner = await provisionUser({ email: 'bench@example.com', name: 'Bench' });
        const tenant = await createWorkspace(
          { userId: owner.id, email: 'bench@example.com' },
          { name: 'Bench' },
          { requestId: 'bench' },
        );
        const ownerCtx = {
          tenantId: tenant.id,
          actor: { type: 'user' as const, userId: owner.id, email: 'bench@example.com', role: 'owner' as const },
          requestId: 'bench',
        };
        await createQaPair(ownerCtx, {
          question: 'What are your opening hours?',
          answer: 'We are open 9:00–17:00, Monday to Friday.',
        });
        const agent = await createAgent(ownerCtx, { name: 'Bench agent' });
        const channel = await createChannel(ownerCtx, {
          type: 'telegram',
          agentId: agent.id,
          name: 'Bench bot',
          credentials: { botToken: TOKEN },
        });
        const base = `http://127.0.0.1:${runtime.port}`;
        const webhook = `${base}/api/channels/${channel.id}/webhook`;

        ctx.log(`${mode}: /healthz at ${RATE}/s for ${Math.min(SECONDS, 10)}s (the floor)…`);
        const floor = await paced(Math.min(SECONDS, 10), async () => {
          const res = await fetch(`${base}/healthz`);
          await res.arrayBuffer();
        });

        ctx.log(`${mode}: ${RATE} Telegram updates/s for ${SECONDS}s…`);
        const chatOf = (i: number) => String(10_000_000 + i);
        const acked = await paced(SECONDS, async (i) => {
          const res = await fetch(webhook, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': api.secret() },
            body: JSON.stringify({
              update_id: 500_000 + i,
              message: {
                message_id: i + 1,
                from: { id: Number(chatOf(i)), is_bot: false, first_name: 'Bench' },
                chat: { id: Number(chatOf(i)), type: 'private' },
                date: Math.floor(Date.now() / 1000),
                text: 'What are your opening hours?',
              },
            }),
          });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        });
        const total = acked.start.length;
        const WAIT_MS = Number(process.env.BENCH_CHANNEL_WAIT_MS ?? 120_000);
        const deadline = performance.now() + WAIT_MS;
        while (api.answers.size < total && performance.now() < deadline) await sleep(100);
        // Late duplicates would land after the last first answer: give them a moment to show.
        await sleep(2000);
        const replies: number[] = [];
        // Not answered within the wait: a backlog still draining, or lost (the log of a longer wait tells).
        let lost = 0;
        let twice = 0;
        for (let i = 0; i < total; i++) {
          const times = api.answers.get(chatOf(i));
          if (!times) lost++;
          else {
            if (times.length > 1) twice++;
            replies.push(times[0]! - acked.start[i]!);
          }
        }
        const floorStats = summarize(floor.latency);
        const ackStats = summarize(acked.latency);
        results.push({
          suite: 'channels',
          name: `webhook acknowledged, ${RATE}/s`,
          mode,
          metrics: {
            p50Ms: ackStats.p50Ms,
            p95Ms: ackStats.p95Ms,
            floorP50Ms: floorStats.p50Ms,
            floorP95Ms: floorStats.p95Ms,
          },
          budget: 'p95 ≤ 50 ms',
          withinBudget: ackStats.p95Ms <= 50,
          note: 'floor: GET /healthz at the same rate, same server',
        });
        const replyStats = summarize(replies);
        results.push({
          suite: 'channels',
          name: `inbound → reply at the Bot API (curated answer), ${RATE}/s × ${SECONDS}s`,
          mode,
          metrics: {
            p50Ms: replyStats.p50Ms,
            p95Ms: replyStats.p95Ms,
            messages: total,
            unanswered: lost,
            answeredTwice: twice,
          },
          note: `unanswered: no answer within ${WAIT_MS / 1000} s of the last update (BENCH_CHANNEL_WAIT_MS)`,
          budget: 'p95 ≤ 150 ms, none unanswered, none answered twice',
          withinBudget: replyStats.p95Ms <= 150 && lost === 0 && twice === 0,
        });
      } finally {
        await runtime.stop();
        await api.close();
        await installation.close();
      }
    }
    return results;
  },
};
