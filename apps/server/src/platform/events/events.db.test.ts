import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, startChild } from '../../../test/support/child';
import { cloneTestDatabase, useTestDatabase } from '../../../test/support/database';
import { redisBackends } from '../../../test/support/redis';
import { createTenant } from '../../modules/tenants';
import { openDatabase } from '../db/database';
import { getDatabase, setDatabase } from '../db/current';
import { createLogger } from '../log';
import { withTenant } from '../tenancy';
import { createMemoryBus, createRedisBus } from './bus';
import { OutboxDrainer } from './drainer';
import { emit } from './outbox';
import type { EventBus, PlatformEvent } from './types';

const log = createLogger('silent');

async function makeBus(kind: 'memory' | 'redis', url?: string): Promise<EventBus> {
  return kind === 'redis' ? createRedisBus(url!, log) : createMemoryBus(log);
}

/**
 * The events of one tenant this bus hears. Redis is shared by the test files running in
 * parallel: their events reach every subscriber, so each test counts only its own tenant's.
 */
function collect(bus: EventBus, tenantId: string): PlatformEvent[] {
  const seen: PlatformEvent[] = [];
  bus.subscribe((event) => {
    if (event.tenantId === tenantId) seen.push(event);
  });
  return seen;
}

const waitUntil = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe('outbox', () => {
  useTestDatabase();
  let tenantId: string;
  beforeAll(async () => {
    tenantId = (await createTenant({ name: 'Events' })).id;
  });

  for (const backend of redisBackends()) {
    describe(`on the ${backend.kind} bus`, () => {
      it('delivers committed events, and never those of a rolled-back transaction', async () => {
        const bus = await makeBus(backend.kind, backend.url);
        const seen = collect(bus, tenantId);
        const drainer = new OutboxDrainer(bus, log, 50);
        drainer.start();
        try {
          await withTenant({ tenantId }, (tx) => emit(tx, 'test.kept', { n: 1 }));
          await withTenant({ tenantId }, async (tx) => {
            await emit(tx, 'test.dropped');
            throw new Error('rollback');
          }).catch(() => undefined);
          await withTenant({ tenantId }, (tx) => emit(tx, 'test.after'));
          expect(await waitUntil(() => seen.some((e) => e.type === 'test.after'))).toBe(true);
          expect(seen.map((e) => e.type)).toEqual(['test.kept', 'test.after']);
          expect(seen[0]).toMatchObject({ tenantId, payload: { n: 1 } });
          expect(seen[0]!.id).toMatch(new RegExp(`^${tenantId}:\\d+$`));
        } finally {
          await drainer.stop();
          await bus.close();
        }
      });

      it('publishes each event once with two drainers working in parallel', async () => {
        const bus = await makeBus(backend.kind, backend.url);
        const seen = collect(bus, tenantId);
        await withTenant({ tenantId }, async (tx) => {
          for (let i = 0; i < 300; i++) await emit(tx, 'test.parallel', { i });
        });
        const one = new OutboxDrainer(bus, log);
        const two = new OutboxDrainer(bus, log);
        await Promise.all([one.drainAll(), two.drainAll()]);
        expect(await waitUntil(() => seen.filter((e) => e.type === 'test.parallel').length >= 300)).toBe(true);
        await new Promise((r) => setTimeout(r, 100));
        const ids = seen.filter((e) => e.type === 'test.parallel').map((e) => e.id);
        expect(ids.length).toBe(300);
        expect(new Set(ids).size).toBe(300);
        await bus.close();
      });
    });
  }

  it('refuses to emit outside a tenant transaction', async () => {
    const { withPlatform } = await import('../tenancy');
    await expect(withPlatform((tx) => emit(tx, 'test.nope'))).rejects.toThrow(/withTenant/);
  });

  // Defined only where Redis is configured; CI requires TEST_REDIS_URL, so it always runs there.
  for (const redis of redisBackends().filter((b) => b.kind === 'redis')) {
    it('lets every process hear every event on Redis', async () => {
      const a = await makeBus('redis', redis.url);
      const b = await makeBus('redis', redis.url);
      const only = `fanout-${process.pid}-${Date.now()}`;
      const seenA = collect(a, only);
      const seenB = collect(b, only);
      await a.publish([
        { id: `${only}:1`, tenantId: only, type: 'test.fanout', payload: {}, createdAt: new Date().toISOString() },
      ]);
      expect(await waitUntil(() => seenA.length === 1 && seenB.length === 1)).toBe(true);
      await Promise.all([a.close(), b.close()]);
    });
  }
});

describe('outbox across a crash', () => {
  let child: string;
  beforeAll(async () => {
    child = await bundleChild(path.resolve(import.meta.dirname, '../../../test/fixtures/crash-child.ts'));
  });
  afterAll(() => setDatabase(null));

  it('delivers an event committed just before kill -9 once the platform is back', async () => {
    const clone = await cloneTestDatabase();
    const open = () =>
      openDatabase(
        clone.databaseUrl
          ? { mode: 'postgres', dataDir: clone.dataDir, databaseUrl: clone.databaseUrl, poolSize: 2 }
          : { mode: 'embedded', dataDir: clone.dataDir },
      );
    try {
      let db = await open();
      setDatabase(db);
      const tenantId = (await createTenant({ name: 'Crashy' })).id;
      await db.close();

      const emitter = startChild(child, {
        SB_CHILD_MODE: 'emit',
        SB_CHILD_DATA_DIR: clone.dataDir,
        SB_CHILD_DATABASE_URL: clone.databaseUrl ?? '',
        SB_CHILD_TENANT: tenantId,
      });
      await emitter.waitFor(/^ready$/);
      expect((await emitter.exited).signal).toBe('SIGKILL');

      db = await open();
      setDatabase(db);
      const bus = createMemoryBus(log);
      const seen = collect(bus, tenantId);
      expect(await new OutboxDrainer(bus, log).drainAll()).toBe(1);
      expect(await waitUntil(() => seen.length === 1)).toBe(true);
      expect(seen[0]).toMatchObject({
        tenantId,
        type: 'test.crashed',
        payload: { note: 'committed before the crash' },
      });
      expect(await new OutboxDrainer(bus, log).drainAll()).toBe(0);
      await getDatabase().close();
    } finally {
      setDatabase(null);
      await clone.drop();
    }
  }, 60_000);
});
