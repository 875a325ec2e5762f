import { startModelServer, splitWords, type ModelServer } from '../../apps/server/test/support/model-server';
import { call, type Api } from '../api/call';
import { cpuPerAnswer } from '../chat/cpu';
import { conversationsLoop, timeFirstChunk } from '../chat/load';
import { startRelay, type RelayProcess } from '../chat/relay-process';
import { databaseRoundTrips } from '../chat/round-trip';
import { startSwitchboard, type SwitchboardProcess } from '../chat/server';
import { createPostgresDatabase, summarize, type BenchResult, type BenchSuite, type DbMode } from '../lib';

/**
 * Chat overhead (DESIGN §9): the first token of an answer through Switchboard (the SSE
 * `token` event at the client) minus the first token straight from the same local model
 * server, at 1, 10, 50 and 200 concurrent conversations. Switchboard runs as
 * `switchboard start` in its own process; the clients and the scripted model server run here.
 *
 * The load is people chatting: each conversation sends a message, reads the streamed answer
 * (first token after FIRST_TOKEN_MS, then a word every TOKEN_MS: about 0.6 s), pauses
 * THINK_MS and sends the next. The direct baseline runs the same loop against the model server.
 * A second row per level (`no pause`) sends the next message at once: the throughput limit.
 * One conversation alone is measured without pauses (they change nothing there).
 */
const ALL_LEVELS: Array<{ concurrency: number; rounds: number }> = [
  { concurrency: 1, rounds: 100 },
  { concurrency: 10, rounds: 20 },
  { concurrency: 50, rounds: 8 },
  { concurrency: 200, rounds: 4 },
];
/** BENCH_CHAT_LEVELS=1,50 measures only those levels; BENCH_CHAT_PACED_ONLY=1 skips the no-pause rows. */
const chosen = process.env.BENCH_CHAT_LEVELS?.split(',').map(Number);
const LEVELS = chosen ? ALL_LEVELS.filter((level) => chosen.includes(level.concurrency)) : ALL_LEVELS;
const PACED_ONLY = process.env.BENCH_CHAT_PACED_ONLY === '1';
const FIRST_TOKEN_MS = 50;
const TOKEN_MS = 20;
const THINK_MS = { min: 1000, max: 2000 };
const think = () => THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min);
const ANSWER = splitWords(
  'Returns are free within 30 days of delivery [1]. Start one from your order page and print the label; the refund reaches your card within five business days.',
);
const QUESTION = 'How do I return an item and when do I get my refund?';
const KNOWLEDGE =
  'Returns. You can return any item within 30 days of delivery for a full refund. Start a return from the order page in your account and print the prepaid label. ' +
  'Refunds. Refunds reach your card within 5 business days after the parcel arrives at our warehouse. Gift cards are refunded as store credit. ' +
  'Shipping. Standard delivery takes 3 to 5 business days; express delivery arrives the next business day when ordered before 2 pm.';

async function prepareWorkspace(api: Api): Promise<string> {
  const { agent } = await call<{ agent: { id: string } }>(api, '/api/v1/agents', {
    name: 'Bench agent',
    answerMode: 'generative',
  });
  const { source } = await call<{ source: { id: string } }>(api, '/api/v1/knowledge/sources', {
    kind: 'text',
    title: 'Help centre',
    text: KNOWLEDGE,
  });
  for (let i = 0; i < 200; i++) {
    const { source: current } = await call<{ source: { status: string } }>(
      api,
      `/api/v1/knowledge/sources/${source.id}`,
    );
    if (current.status === 'ready') return agent.id;
    if (current.status === 'failed') throw new Error('the bench knowledge source failed to ingest');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the bench knowledge source was not ingested in time');
}

function direct(models: ModelServer) {
  const body = JSON.stringify({
    model: 'gpt-4o-mini',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: QUESTION }],
  });
  // The first chunk with text (the role chunk before it carries an empty content).
  return () =>
    timeFirstChunk(
      `${models.openaiBaseURL}/chat/completions`,
      { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
      body,
      (text) => /"content":"[^"]/.test(text),
    );
}

function throughSwitchboard(api: Api, conversations: string[]) {
  const body = JSON.stringify({ content: QUESTION });
  return (conversation: number) =>
    timeFirstChunk(
      `${api.url}/api/v1/conversations/${conversations[conversation]}/messages`,
      { ...api.headers, accept: 'text/event-stream' },
      body,
      (text) => text.includes('event: token'),
    );
}

/** The same load through the floor relay (bench/chat/relay.mjs): no database, no auth, no prompt. */
function throughRelay(relay: RelayProcess) {
  const body = JSON.stringify({ content: QUESTION });
  return () =>
    timeFirstChunk(relay.url, { 'content-type': 'application/json', accept: 'text/event-stream' }, body, (text) =>
      text.includes('event: token'),
    );
}

function overheadResult(
  mode: DbMode,
  concurrency: number,
  paced: boolean,
  baseline: ReturnType<typeof summarize>,
  via: ReturnType<typeof summarize>,
  answersPerSecond: number,
  cpuMsPerAnswer: number | null,
  what: 'switchboard' | 'relay' = 'switchboard',
): BenchResult {
  const overhead = (p: 'p50Ms' | 'p95Ms' | 'p99Ms') => Math.round((via[p] - baseline[p]) * 1000) / 1000;
  const label = what === 'relay' ? 'floor: bare relay overhead' : 'chat overhead';
  return {
    suite: 'chat',
    name:
      concurrency === 1
        ? `${label}, 1 conversation`
        : `${label}, ${concurrency} concurrent conversations${paced ? '' : ', no pause'}`,
    mode,
    metrics: {
      overheadP50Ms: overhead('p50Ms'),
      overheadP95Ms: overhead('p95Ms'),
      overheadP99Ms: overhead('p99Ms'),
      viaP95Ms: via.p95Ms,
      directP95Ms: baseline.p95Ms,
      ratioP95: Math.round((via.p95Ms / baseline.p95Ms) * 100) / 100,
      answersPerSecond,
      // The server's (or relay's) own CPU per answer: steadier than the tail between runs.
      ...(cpuMsPerAnswer !== null && { serverCpuMsPerAnswer: cpuMsPerAnswer }),
    },
    ...(what === 'switchboard' &&
      concurrency === 50 &&
      paced && { budget: 'overhead p95 ≤ 15 ms', withinBudget: overhead('p95Ms') <= 15 }),
    note:
      (what === 'relay'
        ? "one Node process relaying the model server's stream (node:http, SSE parse, SSE write; no database): what any hop costs on this machine; "
        : '') +
      (paced
        ? `${THINK_MS.min / 1000}–${THINK_MS.max / 1000} s between an answer and the next message; model first token ${FIRST_TOKEN_MS} ms, ${ANSWER.length} words ${TOKEN_MS} ms apart`
        : 'each conversation sends its next message as soon as the answer ends (the throughput limit)'),
  };
}

async function runMode(
  mode: DbMode,
  postgresUrl: string | undefined,
  log: (line: string) => void,
  withFloor: boolean,
): Promise<BenchResult[]> {
  const models = await startModelServer({
    record: false,
    defaultResponder: () => ({ text: ANSWER, firstTokenDelayMs: FIRST_TOKEN_MS, tokenDelayMs: TOKEN_MS }),
  });
  const database = mode === 'postgres' ? await createPostgresDatabase(postgresUrl!) : null;
  let server: SwitchboardProcess | undefined;
  let relay: RelayProcess | undefined;
  try {
    server = await startSwitchboard({
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: models.openaiBaseURL,
      DEFAULT_MODEL: 'openai:gpt-4o-mini',
      ...(database && { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '10' }),
    });
    const api: Api = {
      url: server.url,
      headers: { authorization: `Bearer ${server.apiKey}`, 'content-type': 'application/json' },
    };
    const agentId = await prepareWorkspace(api);
    const newConversations = async (n: number) =>
      Promise.all(
        Array.from(
          { length: n },
          async () =>
            (await call<{ conversation: { id: string } }>(api, '/api/v1/conversations', { agentId })).conversation.id,
        ),
      );
    // Warm both paths before measuring: V8 tiers PGlite's WebAssembly up only after thousands
    // of statements (a cold embedded transaction costs four times a warm one), and the JIT,
    // connection pools and caches warm too. A running server is warm.
    const warm = await newConversations(10);
    await conversationsLoop(10, 40, throughSwitchboard(api, warm));
    await conversationsLoop(10, 10, direct(models));

    const results: BenchResult[] = [];
    for (const { concurrency, rounds } of LEVELS) {
      for (const paced of concurrency === 1 ? [false] : PACED_ONLY ? [true] : [true, false]) {
        log(`${mode}: ${concurrency} concurrent conversations × ${rounds} messages${paced ? '' : ', no pause'}…`);
        const pause = paced ? think : () => 0;
        const baseline = await conversationsLoop(concurrency, rounds, direct(models), pause);
        const conversations = await newConversations(concurrency);
        const through = await cpuPerAnswer(server.process.pid, () =>
          conversationsLoop(concurrency, rounds, throughSwitchboard(api, conversations), pause),
        );
        results.push(
          overheadResult(
            mode,
            concurrency,
            paced,
            summarize(baseline.samples),
            summarize(through.samples),
            through.answersPerSecond,
            through.cpuMsPerAnswer,
          ),
        );
      }
    }
    // The floor: the same paced load through a bare relay, Switchboard stopped (it does not use the database).
    if (withFloor) {
      await server.stop();
      server = undefined;
      const floor = (relay = await startRelay(models.openaiBaseURL));
      await conversationsLoop(10, 40, throughRelay(floor));
      for (const { concurrency, rounds } of LEVELS) {
        const pause = concurrency === 1 ? () => 0 : think;
        log(`floor: ${concurrency} concurrent conversations through a bare relay…`);
        const baseline = await conversationsLoop(concurrency, rounds, direct(models), pause);
        const through = await cpuPerAnswer(floor.process.pid, () =>
          conversationsLoop(concurrency, rounds, throughRelay(floor), pause),
        );
        results.push(
          overheadResult(
            mode,
            concurrency,
            concurrency !== 1,
            summarize(baseline.samples),
            summarize(through.samples),
            through.answersPerSecond,
            through.cpuMsPerAnswer,
            'relay',
          ),
        );
      }
    }
    // The floor of a database hop (the server's two round trips before the model call pay it),
    // measured with Switchboard stopped.
    if (database) {
      await server?.stop();
      server = undefined;
      const trips = await databaseRoundTrips(database.url);
      results.push({
        suite: 'chat',
        name: 'floor: one database round trip (SELECT 1)',
        mode,
        metrics: {
          backToBackP50Ms: trips.backToBack.p50Ms,
          backToBackP95Ms: trips.backToBack.p95Ms,
          afterPauseP50Ms: trips.afterPause.p50Ms,
          afterPauseP95Ms: trips.afterPause.p95Ms,
        },
        note: 'back to back, and after a 20 ms pause (processes asleep between statements, as in a chat turn): the difference is the cost of waking them on this machine',
      });
    }
    return results;
  } finally {
    await relay?.stop();
    await server?.stop();
    await database?.drop();
    await models.close();
  }
}

export const chatOverheadSuite: BenchSuite = {
  name: 'chat',
  description: 'first-token overhead of a chat turn through Switchboard',
  async run(ctx) {
    const results: BenchResult[] = [];
    // The floor needs no database: measured once, after the last mode.
    for (const [i, mode] of ctx.modes.entries())
      results.push(...(await runMode(mode, ctx.postgresUrl, ctx.log, i === ctx.modes.length - 1)));
    return results;
  },
};
