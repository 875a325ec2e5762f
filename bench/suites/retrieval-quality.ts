import fs from 'node:fs';
import path from 'node:path';
import { createApiKey, provisionUser } from '../../apps/server/src/modules/accounts';
import { createWorkspace } from '../../apps/server/src/modules/tenants';
import { loadConfig } from '../../apps/server/src/platform/config';
import { createLogger } from '../../apps/server/src/platform/log';
import { startRuntime } from '../../apps/server/src/runtime';
import { DEFAULT_MIN_RELEVANCE } from '../../packages/contract/src/enums';
import {
  askAll,
  ingestKnowledgeBase,
  loadKnowledgeBases,
  measure,
  type Asked,
  type Request,
} from '../../apps/server/test/support/retrieval-bench';
import type { BenchResult, BenchSuite } from '../lib';

/**
 * Retrieval quality on the labelled set of bench/retrieval (README there): each knowledge base
 * ingested over HTTP into a workspace of its own on a whole server, every question asked through
 * the search route; hit@1, hit@3, MRR, unrelated passages and no-answer precision at the default
 * minimum relevance, for full-text alone (EMBEDDING_MODEL=none) and for the default
 * configuration. A sweep of thresholds goes to the note, to justify the default.
 */
const CONFIGURATIONS: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'full-text alone', env: { EMBEDDING_MODEL: 'none' } },
  { name: 'default', env: {} },
];
/** The bench is bundled with import.meta.dirname set to bench/ (scripts/bench.mjs). */
const SET_DIR = path.join(import.meta.dirname ?? 'bench', 'retrieval');
const SWEEP = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5];

async function workspaceRequest(port: number, label: string): Promise<Request> {
  const email = `bench-${label}@example.com`;
  const owner = await provisionUser({ email, name: 'Bench' });
  const tenant = await createWorkspace({ userId: owner.id, email }, { name: label }, { requestId: 'bench' });
  const { secret } = await createApiKey(
    { tenantId: tenant.id, actor: { type: 'user', userId: owner.id, email, role: 'owner' }, requestId: 'bench' },
    { name: 'bench', scopes: ['read', 'write'] },
  );
  return async (path, init) => {
    const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
    });
    return { status: response.status, body: await response.json() };
  };
}

export const retrievalQualitySuite: BenchSuite = {
  name: 'retrieval-quality',
  description: 'hit@1, hit@3, MRR, unrelated passages and no-answer precision on the labelled set of bench/retrieval',
  async run(ctx) {
    const results: BenchResult[] = [];
    const kbs = loadKnowledgeBases(SET_DIR);
    for (const configuration of CONFIGURATIONS) {
      const installation = await ctx.freshInstallation('embedded');
      const config = loadConfig({
        ...installation.env,
        ...configuration.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        RATE_LIMIT_PER_MINUTE: '100000',
      });
      const runtime = await startRuntime(config, createLogger('silent'), { http: true, work: true });
      try {
        const asked: Asked[] = [];
        for (const kb of kbs) {
          const request = await workspaceRequest(
            runtime.port!,
            `${configuration.name.replace(/\W+/g, '-')}-${kb.name}`,
          );
          await ingestKnowledgeBase(request, kb, SET_DIR);
          asked.push(...(await askAll(request, kb)));
        }
        // BENCH_RETRIEVAL_DUMP=<dir>: every question's passages, scores and similarities, to study the scale.
        if (process.env.BENCH_RETRIEVAL_DUMP)
          fs.writeFileSync(
            path.join(process.env.BENCH_RETRIEVAL_DUMP, `${configuration.name.replace(/\W+/g, '-')}.json`),
            JSON.stringify(asked, null, 1),
          );
        const m = measure(asked, DEFAULT_MIN_RELEVANCE);
        const sweep = SWEEP.map((t) => {
          const x = measure(asked, t);
          return `${t}: ${x.hitAt1}/${x.hitAt3}/${x.unrelated}/${x.noAnswerPrecision}`;
        });
        ctx.log(`${configuration.name}: misses at ${DEFAULT_MIN_RELEVANCE}: ${m.misses.join(' · ') || 'none'}`);
        results.push({
          suite: 'retrieval-quality',
          name: `${configuration.name}, minimum relevance ${DEFAULT_MIN_RELEVANCE}`,
          mode: 'embedded',
          metrics: {
            questions: m.questions,
            answerable: m.answerable,
            hitAt1: m.hitAt1,
            hitAt3: m.hitAt3,
            mrr: m.mrr,
            unrelated: m.unrelated,
            noAnswerPrecision: m.noAnswerPrecision,
          },
          budget: 'hit@1 ≥ 0.8, hit@3 ≥ 0.95, unrelated ≤ 0.05',
          withinBudget: m.hitAt1 >= 0.8 && m.hitAt3 >= 0.95 && m.unrelated <= 0.05,
          note: `${kbs.length} knowledge bases; thresholds hit@1/hit@3/unrelated/no-answer: ${sweep.join(', ')}`,
        });
      } finally {
        await runtime.stop();
        await installation.close();
      }
    }
    return results;
  },
};
