import { makePdf } from '../../apps/server/test/support/fixtures/pdf';
import { createApiKey, provisionUser } from '../../apps/server/src/modules/accounts';
import { createWorkspace } from '../../apps/server/src/modules/tenants';
import { loadConfig } from '../../apps/server/src/platform/config';
import { createLogger } from '../../apps/server/src/platform/log';
import { startRuntime } from '../../apps/server/src/runtime';
import { summarize, type BenchResult, type BenchSuite } from '../lib';

/**
 * Issue budget: a generated 100-page PDF from upload to searchable in ≤ 10 s without
 * embeddings. Measured as a user sees it: a whole server (HTTP + job worker, as
 * `switchboard start` runs), the file POSTed over HTTP, the source polled until ready, then
 * search asked for a sentence that only the last page holds.
 */
const PAGES = 100;
const RUNS = 3;
const WORDS = `order shipping delivery return refund exchange warranty repair battery charger cable screen keyboard
account password invoice subscription plan upgrade cancel renew trial team member invite role permission export
report dashboard integration webhook customer support ticket agent answer question policy handbook chapter section
device install update licence storage backup restore network printer office holiday schedule payroll benefit`
  .split(/\s+/)
  .filter(Boolean);

/** About 450 words a page in paragraphs, deterministic, with a heading per page. */
function handbook(): Buffer {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sentence = () => {
    const words = Array.from({ length: 8 + Math.floor(next() * 10) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const paragraph = () => Array.from({ length: 6 }, sentence).join(' ');
  const pages = Array.from({ length: PAGES }, (_, i) => [
    `# Chapter ${i + 1}`,
    ...Array.from({ length: 5 }, paragraph),
  ]);
  pages[PAGES - 1]!.push('The lighthouse keeper keeps the spare key under the blue anchor.');
  return makePdf(pages);
}

interface Source {
  id: string;
  status: string;
  stage: string | null;
  error: string | null;
  chunkCount: number;
}

export const ingestionSuite: BenchSuite = {
  name: 'ingestion',
  description: 'a 100-page PDF from upload (HTTP) to searchable, no embeddings',
  async run(ctx) {
    const results: BenchResult[] = [];
    const pdf = handbook();
    for (const mode of ctx.modes) {
      const installation = await ctx.freshInstallation(mode);
      const config = loadConfig({
        ...installation.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
      });
      const runtime = await startRuntime(config, createLogger('silent'), { http: true, work: true });
      try {
        const owner = await provisionUser({ email: 'bench@example.com', name: 'Bench' });
        const tenant = await createWorkspace(
          { userId: owner.id, email: 'bench@example.com' },
          { name: 'Bench' },
          { requestId: 'bench' },
        );
        const { secret } = await createApiKey(
          {
            tenantId: tenant.id,
            actor: { type: 'user', userId: owner.id, email: 'bench@example.com', role: 'owner' },
            requestId: 'bench',
          },
          { name: 'bench', scopes: ['read', 'write'] },
        );
        const base = `http://127.0.0.1:${runtime.port}/api/v1/knowledge`;
        const headers = { authorization: `Bearer ${secret}` };
        const samples = {
          total: [] as number[],
          upload: [] as number[],
          ingest: [] as number[],
          search: [] as number[],
        };
        let chunks = 0;
        ctx.log(`${mode}: ${PAGES}-page PDF, ${(pdf.length / 1024).toFixed(0)} KiB, ${RUNS} runs…`);
        for (let run = 0; run < RUNS; run++) {
          const started = performance.now();
          const form = new FormData();
          form.append('file', new Blob([pdf], { type: 'application/pdf' }), `handbook-${run}.pdf`);
          const created = await fetch(`${base}/sources/upload`, { method: 'POST', headers, body: form });
          if (created.status !== 201) throw new Error(`upload answered ${created.status}: ${await created.text()}`);
          const { source } = (await created.json()) as { source: Source };
          const uploaded = performance.now();
          let current = source;
          while (current.status !== 'ready') {
            if (current.status === 'failed') throw new Error(`ingestion failed: ${current.error}`);
            await new Promise((r) => setTimeout(r, 20));
            current = ((await (await fetch(`${base}/sources/${source.id}`, { headers })).json()) as { source: Source })
              .source;
          }
          const ready = performance.now();
          const found = await fetch(`${base}/search`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ query: 'lighthouse keeper spare key blue anchor', sourceIds: [source.id], topK: 3 }),
          });
          const { passages } = (await found.json()) as { passages: Array<{ page: number | null; text: string }> };
          if (passages[0]?.page !== PAGES || !passages[0].text.includes('blue anchor'))
            throw new Error(`the last page was not found: ${JSON.stringify(passages[0])}`);
          const done = performance.now();
          samples.total.push(done - started);
          samples.upload.push(uploaded - started);
          samples.ingest.push(ready - uploaded);
          samples.search.push(done - ready);
          chunks = current.chunkCount;
        }
        const median = (values: number[]) => summarize(values).p50Ms;
        const worst = Math.max(...samples.total);
        results.push({
          suite: 'ingestion',
          name: `${PAGES}-page PDF, upload to searchable`,
          mode,
          metrics: {
            medianMs: Math.round(median(samples.total)),
            maxMs: Math.round(worst),
            uploadMs: Math.round(median(samples.upload)),
            ingestMs: Math.round(median(samples.ingest)),
            searchMs: Math.round(median(samples.search)),
            chunks,
          },
          budget: '≤ 10 s',
          withinBudget: worst <= 10_000,
          note: `${RUNS} runs on one server (HTTP upload → job → ready → search finds page ${PAGES}); ${(pdf.length / 1024).toFixed(0)} KiB, ~450 words a page; medians, max of the totals`,
        });
      } finally {
        await runtime.stop();
        await installation.close();
      }
    }
    return results;
  },
};
