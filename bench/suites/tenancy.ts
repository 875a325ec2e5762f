import { setDatabase } from '../../apps/server/src/platform/db/current';
import { tenantTableSql } from '../../apps/server/src/platform/db/rls-sql';
import { withTenant } from '../../apps/server/src/platform/tenancy';
import { summarize, time, type BenchResult, type BenchSuite } from '../lib';

const TENANTS = 1000;
const ROWS_PER_TENANT = 1000;
const tenantId = (n: number) => `ten_${String(n).padStart(26, '0')}`;

/**
 * The price of database-enforced isolation:
 * 1. withTenant per transaction (BEGIN + role + tenant setting in one round trip) against
 *    a bare BEGIN/COMMIT running the same statement;
 * 2. forced RLS on an indexed tenant query against the owner running the same query with an
 *    explicit tenant filter on an identical table without RLS, 1,000 tenants × 1,000 rows.
 */
export const tenancySuite: BenchSuite = {
  name: 'tenancy',
  description: 'withTenant cost and RLS overhead',
  async run(ctx) {
    const results: BenchResult[] = [];
    for (const mode of ctx.modes) {
      const { database, close } = await ctx.freshDatabase(mode);
      setDatabase(database);
      const pool = database.pool;
      try {
        // 1. withTenant cost
        const iterations = 2000;
        const bare: number[] = [];
        const scoped: number[] = [];
        for (let i = 0; i < 200; i++) await withTenant({ tenantId: tenantId(1) }, (tx) => tx.query('SELECT 1'));
        for (let i = 0; i < iterations; i++) {
          bare.push(
            await time(async () => {
              const client = await pool.connect();
              try {
                await client.query('BEGIN');
                await client.query('SELECT 1');
                await client.query('COMMIT');
              } finally {
                client.release();
              }
            }),
          );
          scoped.push(
            await time(() => withTenant({ tenantId: tenantId(1 + (i % TENANTS)) }, (tx) => tx.query('SELECT 1'))),
          );
        }
        const b = summarize(bare);
        const s = summarize(scoped);
        results.push({
          suite: 'tenancy',
          name: 'withTenant transaction vs bare BEGIN/SELECT 1/COMMIT',
          mode,
          metrics: {
            bareP50Ms: b.p50Ms,
            withTenantP50Ms: s.p50Ms,
            bareP95Ms: b.p95Ms,
            withTenantP95Ms: s.p95Ms,
            addedP50Ms: Math.round((s.p50Ms - b.p50Ms) * 1000) / 1000,
          },
          note: `${iterations} transactions each`,
        });

        // 2. RLS overhead
        ctx.log(`${mode}: loading ${TENANTS * ROWS_PER_TENANT} rows into two tables…`);
        await pool.query(`
          CREATE TABLE bench_rls (tenant_id text NOT NULL, id int NOT NULL, value text NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE bench_plain (tenant_id text NOT NULL, id int NOT NULL, value text NOT NULL, PRIMARY KEY (tenant_id, id));
          ${tenantTableSql('bench_rls')}`);
        for (const table of ['bench_rls', 'bench_plain']) {
          for (let start = 1; start <= TENANTS; start += 100) {
            await pool.query(
              `INSERT INTO ${table} SELECT 'ten_' || lpad(t::text, 26, '0'), r, md5(t::text || '-' || r::text)
                 FROM generate_series($1::int, $2::int) t, generate_series(1, ${ROWS_PER_TENANT}) r`,
              [start, Math.min(TENANTS, start + 99)],
            );
          }
          await pool.query(`ANALYZE ${table}`);
        }
        const query = 'SELECT id, value FROM %TABLE% WHERE %FILTER% id BETWEEN $1 AND $1 + 19 ORDER BY id';
        const rlsSql = query.replace('%TABLE%', 'bench_rls').replace('%FILTER%', '');
        const plainSql = query.replace('%TABLE%', 'bench_plain').replace('%FILTER%', 'tenant_id = $2 AND');
        const perTenant = 50;
        const sampleTenants = Array.from({ length: 40 }, (_, i) => 1 + ((i * 97) % TENANTS));
        const rls: number[] = [];
        const plain: number[] = [];
        let plan = '';
        for (const n of sampleTenants) {
          await withTenant({ tenantId: tenantId(n) }, async (tx) => {
            if (!plan)
              plan = (await tx.query(`EXPLAIN ${rlsSql.replaceAll('$1', '100')}`)).rows
                .map((r) => Object.values(r)[0])
                .join(' / ');
            for (let i = 0; i < perTenant; i++) {
              const from = 1 + ((i * 37) % (ROWS_PER_TENANT - 20));
              rls.push(await time(() => tx.query(rlsSql, [from])));
            }
          });
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            for (let i = 0; i < perTenant; i++) {
              const from = 1 + ((i * 37) % (ROWS_PER_TENANT - 20));
              plain.push(await time(() => client.query(plainSql, [from, tenantId(n)])));
            }
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
        const r = summarize(rls);
        const p = summarize(plain);
        const overheadPct = Math.round(((r.p50Ms - p.p50Ms) / p.p50Ms) * 1000) / 10;
        results.push({
          suite: 'tenancy',
          name: 'RLS overhead, indexed tenant query (1,000 tenants × 1,000 rows)',
          mode,
          metrics: {
            rlsP50Ms: r.p50Ms,
            explicitP50Ms: p.p50Ms,
            rlsP95Ms: r.p95Ms,
            explicitP95Ms: p.p95Ms,
            overheadPct,
          },
          budget: '≤ 10 % at p50',
          withinBudget: overheadPct <= 10,
          note: `plan under RLS: ${plan.slice(0, 160)}`,
        });
      } finally {
        setDatabase(null);
        await close();
      }
    }
    return results;
  },
};
