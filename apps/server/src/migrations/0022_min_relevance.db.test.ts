import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/support/database';
import { createAgent } from '../modules/agents';
import { createTenant } from '../modules/tenants';
import { systemContext } from '../platform/tenancy';
import { RAISE_MIN_RELEVANCE_SQL } from './0022_min_relevance';

/** Migration 0022 replays on agents saved with the old default minimum relevance (0) and with a chosen one. */
const testDb = useTestDatabase();

describe('0022: the minimum relevance on the absolute scale', () => {
  it('raises drafts and versions at 0 to the new default, leaving chosen values alone', async () => {
    const tenant = (await createTenant({ name: 'Relevance' })).id;
    const ctx = systemContext(tenant, 'test');
    const old = await createAgent(ctx, { name: 'Old default', knowledge: { sourceIds: null, topK: 5, minScore: 0 } });
    const chosen = await createAgent(ctx, { name: 'Chosen', knowledge: { sourceIds: null, topK: 5, minScore: 0.4 } });
    const client = await testDb.current.database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(RAISE_MIN_RELEVANCE_SQL);
      const read = async (id: string) =>
        (
          await client.query<{ draft: number; version: number }>(
            `SELECT (a.draft->'knowledge'->>'minScore')::float8 AS draft, (v.config->'knowledge'->>'minScore')::float8 AS version
               FROM agents a JOIN agent_versions v ON v.tenant_id = a.tenant_id AND v.agent_id = a.id WHERE a.id = $1`,
            [id],
          )
        ).rows[0];
      expect(await read(old.id)).toEqual({ draft: 0.25, version: 0.25 });
      expect(await read(chosen.id)).toEqual({ draft: 0.4, version: 0.4 });
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
