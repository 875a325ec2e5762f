import { randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestRuntime } from '../../../test/support/runtime';
import { widgetFor } from '../../../test/support/widget';
import { testWorkspace } from '../../../test/support/workspace';

/**
 * The hosted chat page is public and reached by anyone with (or guessing) a key: it is counted
 * per address with the widget's calls, and a key nobody has does not cost a database read per try.
 */
const rt = useTestRuntime({ WIDGET_IP_RATE_LIMIT_PER_MINUTE: '6', TRUST_PROXY: 'true' });
let key: string;

beforeAll(async () => {
  const ws = await testWorkspace(rt.current, 'hosted');
  const agentId = (await ws.api.post('/api/v1/agents', { name: 'Hosted agent' })).body.agent.id;
  ({ publicKey: key } = await widgetFor(ws, agentId));
});

let address = 1;
/** Each test is its own client address (the server believes X-Forwarded-For here). */
const newAddress = () => `203.0.113.${address++}`;
const randomKey = () => `pk_${randomBytes(24).toString('base64url').replace(/[-_]/g, 'x').slice(0, 32)}`;
/**
 * Counts the statements that look a key up in the registry while `run` runs, on the server's
 * own pool (other statements — jobs, the outbox — are not counted).
 */
async function registryReads(run: () => Promise<void>): Promise<number> {
  const pool = rt.current.runtime.database.pool;
  let reads = 0;
  const wrapped: Array<[PoolClient, PoolClient['query']]> = [];
  const onAcquire = (client: PoolClient) => {
    if (wrapped.some(([c]) => c === client)) return;
    const original = client.query;
    wrapped.push([client, original]);
    client.query = ((...args: Parameters<PoolClient['query']>) => {
      const text: unknown = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | undefined)?.text;
      if (typeof text === 'string' && text.includes('public_key_registry')) reads++;
      return (original as (...a: unknown[]) => unknown).apply(client, args);
    }) as PoolClient['query'];
  };
  pool.on('acquire', onAcquire);
  try {
    await run();
  } finally {
    pool.off('acquire', onAcquire);
    for (const [client, original] of wrapped) client.query = original;
  }
  return reads;
}

const page = (path: string, ip: string) =>
  rt.current.fetch(path, { headers: { accept: 'text/html', 'x-forwarded-for': ip } });

describe('the hosted chat page', () => {
  it('is rate limited per address, unknown keys and real ones alike', async () => {
    const ip = newAddress();
    expect((await page(`/chat/${key}`, ip)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await page(`/chat/${randomKey()}`, ip)).status).toBe(404);
    for (const path of [`/chat/${randomKey()}`, `/chat/${key}`]) {
      const refused = await page(path, ip);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe('rate_limited');
      expect(body.error.requestId).toBeTruthy();
    }
    // The widget's own calls from that address share the budget.
    const config = await rt.current.fetch(`/api/widget/v1/${key}/config`, {
      headers: { origin: rt.current.url, 'x-forwarded-for': ip },
    });
    expect(config.status).toBe(429);
    // Another address is not held back by this one.
    expect((await page(`/chat/${key}`, newAddress())).status).toBe(200);
  });

  it('answers a repeated unknown key without a database read each time', async () => {
    const unknown = randomKey();
    const reads = await registryReads(async () => {
      // Under the per-address limit each time: only the database is in question here.
      for (let i = 0; i < 20; i++) {
        const res = await page(`/chat/${unknown}`, newAddress());
        expect(res.status).toBe(404);
        expect(await res.text()).toContain('This chat is not available');
      }
    });
    // One read, or two if the run outlasted the few seconds an unknown key is remembered.
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('refuses a malformed key unread', async () => {
    const reads = await registryReads(async () => {
      for (const bad of ['pk_short', `pk_${'a'.repeat(33)}`, `sk_${'a'.repeat(32)}`, `pk_${'a'.repeat(31)}%21`]) {
        expect((await page(`/chat/${bad}`, newAddress())).status, bad).toBe(404);
      }
      // A NUL anywhere in an address is refused before any route (see platform/http/input-guard).
      expect((await page('/chat/%00', newAddress())).status).toBe(400);
    });
    expect(reads).toBe(0);
  });
});
