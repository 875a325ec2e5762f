import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { provisionUser } from '../../apps/server/src/modules/accounts';
import { createWorkspace } from '../../apps/server/src/modules/tenants';
import { createWebhook } from '../../apps/server/src/modules/webhooks';
import { loadConfig } from '../../apps/server/src/platform/config';
import { emit } from '../../apps/server/src/platform/events';
import { createLogger } from '../../apps/server/src/platform/log';
import { newId } from '../../apps/server/src/platform/ids';
import { systemContext, withTenant } from '../../apps/server/src/platform/tenancy';
import { startRuntime } from '../../apps/server/src/runtime';
import { summarize, type BenchResult, type BenchSuite } from '../lib';

/**
 * Event committed → webhook received: BENCH_WEBHOOK_RATE events a second (100) for
 * BENCH_WEBHOOK_SECONDS (60) to BENCH_WEBHOOK_ENDPOINTS endpoints (10), each a local receiver.
 * Then the outage drain: 10,000 deliveries due at once for one endpoint (as after an outage
 * and a replay) while the other endpoints get fresh events at the same rate; their latency
 * must not suffer.
 */
const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 60);
const ENDPOINTS = Number(process.env.BENCH_WEBHOOK_ENDPOINTS ?? 10);
const BACKLOG = Number(process.env.BENCH_WEBHOOK_BACKLOG ?? 10_000);

interface Receiver {
  url: string;
  /** Arrival time (performance.now) by lead id. */
  seen: Map<string, number>;
  /** Delivery written (the payload's timestamp) → received, by lead id: the sending part alone. */
  sent: Map<string, number>;
  count: number;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const seen = new Map<string, number>();
  const sent = new Map<string, number>();
  const out = { seen, sent, count: 0 } as Receiver;
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      out.count++;
      const text = Buffer.concat(parts).toString();
      const leadId = /"leadId":"([^"]+)"/.exec(text)?.[1];
      const written = Date.parse(/"timestamp":"([^"]+)"/.exec(text)?.[1] ?? '');
      if (leadId && !seen.has(leadId)) {
        seen.set(leadId, performance.now());
        sent.set(leadId, Date.now() - written);
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  out.url = `http://127.0.0.2:${(server.address() as AddressInfo).port}/hook`;
  out.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Emits RATE events a second for `seconds`; returns each event's commit time by lead id. */
async function load(tenantId: string, seconds: number, tag: string): Promise<Map<string, number>> {
  const committed = new Map<string, number>();
  const ctx = systemContext(tenantId, 'bench');
  const started = performance.now();
  const total = Math.round(RATE * seconds);
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const leadId = `${tag}_${i}`;
    pending.push(
      withTenant(ctx, (tx) => emit(tx, 'lead.deleted', { leadId, conversationId: null, agentId: null })).then(
        () => void committed.set(leadId, performance.now()),
      ),
    );
  }
  await Promise.all(pending);
  return committed;
}

async function latencies(
  committed: Map<string, number>,
  receivers: Receiver[],
  timeoutMs = 60_000,
): Promise<{ samples: number[]; sending: number[]; missing: number }> {
  const deadline = performance.now() + timeoutMs;
  const expected = committed.size * receivers.length;
  const got = () => receivers.reduce((n, r) => n + [...committed.keys()].filter((k) => r.seen.has(k)).length, 0);
  while (got() < expected && performance.now() < deadline) await sleep(250);
  const samples: number[] = [];
  const sending: number[] = [];
  for (const r of receivers)
    for (const [id, at] of committed)
      if (r.seen.has(id)) {
        samples.push(Math.max(0, r.seen.get(id)! - at));
        sending.push(Math.max(0, r.sent.get(id)!));
      }
  return { samples, sending, missing: expected - samples.length };
}

export const webhooksSuite: BenchSuite = {
  name: 'webhooks',
  description: `event committed → webhook received, ${RATE}/s for ${SECONDS}s to ${ENDPOINTS} endpoints; a ${BACKLOG}-delivery backlog draining beside fresh events`,
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const installation = await ctx.freshInstallation(mode);
      const config = loadConfig({
        ...installation.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        EGRESS_ALLOW_CIDRS: '127.0.0.2/32',
      });
      const runtime = await startRuntime(config, createLogger('silent'), { http: false, work: true });
      const receivers = await Promise.all(Array.from({ length: ENDPOINTS }, receiver));
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
        const ids: string[] = [];
        for (const r of receivers) ids.push((await createWebhook(ownerCtx, { url: r.url, events: ['*'] })).webhook.id);

        ctx.log(`${mode}: ${RATE} events/s for ${SECONDS}s to ${ENDPOINTS} endpoints…`);
        const steady = await latencies(await load(tenant.id, SECONDS, 'steady'), receivers);
        const s = summarize(steady.samples);
        results.push({
          suite: 'webhooks',
          name: `committed → received, ${RATE}/s × ${ENDPOINTS} endpoints, ${SECONDS}s`,
          mode,
          metrics: {
            deliveries: steady.samples.length,
            missing: steady.missing,
            p50Ms: s.p50Ms,
            p95Ms: s.p95Ms,
            p99Ms: s.p99Ms,
            writtenToReceivedP95Ms: summarize(steady.sending).p95Ms,
          },
          budget: 'p95 ≤ 1000 ms',
          withinBudget: steady.missing === 0 && s.p95Ms <= 1000,
        });

        // The backlog: due now for the first endpoint, as a replay after its outage leaves it.
        const [slow, ...others] = receivers;
        const body = JSON.stringify({
          type: 'lead.deleted',
          timestamp: new Date().toISOString(),
          data: { leadId: 'backlog' },
        });
        await withTenant(systemContext(tenant.id, 'bench'), async (tx) => {
          for (let i = 0; i < BACKLOG; i += 1000) {
            const values = Array.from({ length: Math.min(1000, BACKLOG - i) }, () => newId('evt'));
            await tx.query(
              `INSERT INTO webhook_deliveries (tenant_id, id, endpoint_id, event_type, body, next_attempt_at) SELECT $1, unnest($2::text[]), $3, 'lead.deleted', $4, now()`,
              [tenant.id, values, ids[0], body],
            );
          }
        });
        const before = slow!.count;
        const drainStart = performance.now();
        const { kickEndpoint } = await import('../../apps/server/src/modules/webhooks');
        kickEndpoint(tenant.id, ids[0]!);
        ctx.log(`${mode}: ${BACKLOG} queued for one endpoint, fresh events to the other ${others.length}…`);
        const fresh = await latencies(await load(tenant.id, Math.min(SECONDS, 20), 'fresh'), others);
        while (slow!.count - before < BACKLOG && performance.now() - drainStart < 600_000) await sleep(250);
        const drainedS = (performance.now() - drainStart) / 1000;
        const f = summarize(fresh.samples);
        results.push({
          suite: 'webhooks',
          name: `fresh events while ${BACKLOG} drain for another endpoint`,
          mode,
          metrics: {
            deliveries: fresh.samples.length,
            missing: fresh.missing,
            p50Ms: f.p50Ms,
            p95Ms: f.p95Ms,
            writtenToReceivedP95Ms: summarize(fresh.sending).p95Ms,
            backlogDrainedS: Math.round(drainedS * 10) / 10,
            backlogPerS: Math.round((slow!.count - before) / drainedS),
          },
          budget: 'p95 ≤ 1000 ms',
          withinBudget: fresh.missing === 0 && f.p95Ms <= 1000,
        });
      } finally {
        await Promise.all(receivers.map((r) => r.close()));
        await runtime.stop();
        await installation.close();
      }
    }
    return results;
  },
};
