import { setDatabase } from '../../apps/server/src/platform/db/current';
import { retrieveInTx } from '../../apps/server/src/modules/knowledge/retrieve';
import { withTenant } from '../../apps/server/src/platform/tenancy';
import { summarize, time, type BenchResult, type BenchSuite, type DbMode } from '../lib';

/**
 * Hybrid retrieval latency (full-text here: the CI PostgreSQL has no pgvector) on a big
 * tenant among many: issue budget p95 ≤ 30 ms at 100k chunks in one tenant with 1,000
 * tenants on PostgreSQL, and measured at 20k chunks on the embedded database.
 */
const SIZES: Record<DbMode, { tenants: number; bigTenantChunks: number; otherChunks: number }> = {
  postgres: { tenants: 1000, bigTenantChunks: 100_000, otherChunks: 100 },
  embedded: { tenants: 100, bigTenantChunks: 20_000, otherChunks: 100 },
};
const tenantId = (n: number) => `ten_${String(n).padStart(26, '0')}`;

// Topic words of support questions; chunks are 60 words mixing them with filler.
const VOCABULARY =
  `order shipping delivery return refund exchange size colour jacket tent backpack warranty repair zip seam fabric
waterproof rain wash care payment card paypal instalment gift code discount password account email newsletter shop store
collect rental deposit student price invoice tracking parcel courier customs duty country express standard weekend holiday
battery charger cable screen keyboard mouse laptop phone tablet update install licence subscription plan upgrade cancel
renew trial team member invite role permission export import report dashboard chart analytics integration webhook api key`
    .split(/\s+/)
    .filter(Boolean);

export const retrievalSuite: BenchSuite = {
  name: 'retrieval',
  description: 'knowledge search latency on a large tenant among many',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const size = SIZES[mode];
      const { database, close } = await ctx.freshDatabase(mode);
      setDatabase(database);
      const pool = database.pool;
      try {
        ctx.log(`${mode}: ${size.tenants} tenants, ${size.bigTenantChunks} chunks in the largest…`);
        await pool.query(
          `INSERT INTO tenants (id, name, slug) SELECT 'ten_' || lpad(t::text, 26, '0'), 'Bench ' || t, 'bench-' || t FROM generate_series(1, $1::int) t`,
          [size.tenants],
        );
        await pool.query(
          `INSERT INTO knowledge_sources (tenant_id, id, kind, title, status, progress)
           SELECT 'ten_' || lpad(t::text, 26, '0'), 'src_' || lpad(t::text, 26, '0'), 'text', 'Bench source', 'ready', 100 FROM generate_series(1, $1::int) t`,
          [size.tenants],
        );
        const words = `ARRAY[${VOCABULARY.map((w) => `'${w}'`).join(',')}]`;
        // Text with a long tail, as real prose has: 15 % topic words, the rest drawn from
        // 4,000 filler words with a skewed (Zipf-like) frequency.
        const WORD = `CASE WHEN random() < 0.15 THEN (${words})[1 + floor(random() * ${VOCABULARY.length})::int] ELSE 'w' || floor(4000 * power(random(), 2.5))::int END`;
        const insertChunks = (tenantFrom: number, tenantTo: number, perTenant: number) =>
          pool.query(
            `INSERT INTO knowledge_chunks (tenant_id, id, source_id, ordinal, text, heading, content_hash, tokens)
             SELECT 'ten_' || lpad(t::text, 26, '0'), 'chk_' || lpad(t::text, 10, '0') || lpad(r::text, 16, '0'), 'src_' || lpad(t::text, 26, '0'), r,
                    (SELECT string_agg(${WORD}, ' ') FROM generate_series(1, 60) WHERE r > 0),
                    (${words})[1 + floor(random() * ${VOCABULARY.length})::int], md5(t::text || ':' || r::text), 80
               FROM generate_series($1::int, $2::int) t, generate_series(1, $3::int) r`,
            [tenantFrom, tenantTo, perTenant],
          );
        for (let start = 0; start < size.bigTenantChunks; start += 10_000) {
          await pool.query(
            `INSERT INTO knowledge_chunks (tenant_id, id, source_id, ordinal, text, heading, content_hash, tokens)
             SELECT $1, 'chk_big' || lpad(r::text, 23, '0'), $2, r,
                    (SELECT string_agg(${WORD}, ' ') FROM generate_series(1, 60) WHERE r > 0),
                    (${words})[1 + floor(random() * ${VOCABULARY.length})::int], md5('big:' || r::text), 80
               FROM generate_series($3::int, $4::int) r`,
            [
              tenantId(1),
              `src_${String(1).padStart(26, '0')}`,
              start + 1,
              Math.min(size.bigTenantChunks, start + 10_000),
            ],
          );
        }
        for (let start = 2; start <= size.tenants; start += 100)
          await insertChunks(start, Math.min(size.tenants, start + 99), size.otherChunks);
        await pool.query('ANALYZE knowledge_chunks; ANALYZE knowledge_sources');

        const queries = Array.from({ length: 200 }, (_, i) => {
          const pick = (k: number) => VOCABULARY[(i * 31 + k * 17) % VOCABULARY.length]!;
          return `how do I ${pick(1)} my ${pick(2)} ${i % 3 === 0 ? `and ${pick(3)}` : ''}?`;
        });
        const ctxFor = { tenantId: tenantId(1) };
        for (const q of queries.slice(0, 20)) await withTenant(ctxFor, (tx) => retrieveInTx(tx, { query: q, topK: 5 }));
        if (process.env.BENCH_EXPLAIN) {
          await withTenant(ctxFor, async (tx) => {
            const { rows } = await tx.query(
              `EXPLAIN (ANALYZE) SELECT c.id FROM knowledge_chunks c CROSS JOIN websearch_to_tsquery('english', $1) AS q WHERE c.tenant_id = '${tenantId(1)}' AND c.search @@ q ORDER BY ts_rank(c.search, q) DESC, c.id LIMIT 40`,
              [queries[5]],
            );
            ctx.log(rows.map((r) => Object.values(r)[0]).join('\n'));
          });
        }
        const samples: number[] = [];
        for (const q of queries)
          samples.push(await time(() => withTenant(ctxFor, (tx) => retrieveInTx(tx, { query: q, topK: 5 }))));
        const s = summarize(samples);
        const budget = mode === 'postgres' ? 30 : undefined;
        results.push({
          suite: 'retrieval',
          name: `knowledge search, ${size.bigTenantChunks.toLocaleString('en')} chunks in one tenant of ${size.tenants.toLocaleString('en')}`,
          mode,
          metrics: { p50Ms: s.p50Ms, p95Ms: s.p95Ms, p99Ms: s.p99Ms },
          ...(budget && { budget: `p95 ≤ ${budget} ms`, withinBudget: s.p95Ms <= budget }),
          note: `${queries.length} queries, full-text + fusion + passage fetch, topK 5, one withTenant transaction each`,
        });
      } finally {
        setDatabase(null);
        await close();
      }
    }
    return results;
  },
};
