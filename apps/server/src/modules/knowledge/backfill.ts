import { z } from 'zod';
import { enqueue, sendJob } from '../../platform/jobs';
import { defineJob } from '../../platform/jobs/define';
import { rootLogger } from '../../platform/log';
import { systemContext, withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { platformModels, type Embedder } from '../providers';
import { activeTenantIds } from '../tenants';
import { detectLanguage } from './language';
import { hasVectorColumn } from './vector-support';

/**
 * Vectors for every searchable chunk that lacks one of the current embedder's model: chunks
 * stored before an embedder existed, Q&A pairs, sources ingested while the local model was
 * loading or failed, and all of them after a change of EMBEDDING_MODEL. Runs in the
 * background, a batch per short transaction; the sources list shows the progress (embedded
 * chunks of the source's total). Sources in a language the model cannot read are skipped:
 * they are searched by keywords, and the sources list says so.
 */

const BATCH = 64;
/** Chunks per run: a long backfill hands over to a fresh job rather than holding one for hours. */
const PER_RUN = 4000;
const LANGUAGE_SAMPLE_CHUNKS = 20;

const tenantId = z.string().regex(/^ten_[0-9a-z]{26}$/);

/** The source languages the embedder reads, as SQL sees them ('und': could not tell, so tried). */
export const embeddableLanguageSql = (languages: string) =>
  `(s.language IS NULL OR s.language = 'und' OR ${languages}::text[] IS NULL OR s.language = ANY(${languages}::text[]))`;

/** Detects the language of ready sources that have none yet, from their first chunks. */
async function detectMissingLanguages(tx: Tx): Promise<void> {
  const { rows } = await tx.query<{ id: string; sample: string }>(
    `SELECT s.id, (SELECT string_agg(text, E'\\n' ORDER BY ordinal) FROM (
               SELECT text, ordinal FROM knowledge_chunks c WHERE c.tenant_id = s.tenant_id AND c.source_id = s.id AND c.staged_by IS NULL
                ORDER BY ordinal LIMIT ${LANGUAGE_SAMPLE_CHUNKS}) f) AS sample
       FROM knowledge_sources s WHERE s.language IS NULL AND s.chunk_count > 0 LIMIT 200`,
  );
  for (const row of rows)
    await tx.query(`UPDATE knowledge_sources SET language = $2 WHERE id = $1`, [
      row.id,
      detectLanguage(row.sample ?? ''),
    ]);
}

interface PendingChunk {
  id: string;
  text: string;
  heading: string;
}

async function pendingChunks(tx: Tx, embedder: Embedder): Promise<PendingChunk[]> {
  const { rows } = await tx.query<PendingChunk>(
    `SELECT c.id, c.text, c.heading
       FROM knowledge_chunks c
       JOIN knowledge_sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id
      WHERE c.staged_by IS NULL AND c.embedding_model IS DISTINCT FROM $1 AND ${embeddableLanguageSql('$2')}
      ORDER BY c.source_id, c.ordinal
      LIMIT ${BATCH}`,
    [embedder.modelId, embedder.languages],
  );
  return rows;
}

/** The text a chunk is embedded as: its heading path, then its text (as ingest/chunk.ts's chunkEmbeddingText). */
const embeddingText = (c: PendingChunk) => (c.heading ? `${c.heading}\n\n${c.text}` : c.text);

/** Embeds a workspace's pending chunks, up to `limit`. Returns how many it embedded and whether some remain. */
export async function backfillEmbeddings(
  ctx: ServiceContext,
  limit = PER_RUN,
): Promise<{ embedded: number; more: boolean }> {
  const embedder = platformModels().embedder;
  if (!embedder || !(await withTenant(ctx, (tx) => hasVectorColumn(tx)))) return { embedded: 0, more: false };
  await withTenant(ctx, detectMissingLanguages);
  let embedded = 0;
  while (embedded < limit) {
    const batch = await withTenant(ctx, (tx) => pendingChunks(tx, embedder));
    if (!batch.length) return { embedded, more: false };
    const vectors = await embedder.embed(batch.map(embeddingText));
    await withTenant(ctx, async (tx) => {
      for (const [i, chunk] of batch.entries()) {
        await tx.query(`UPDATE knowledge_chunks SET embedding = $2::vector, embedding_model = $3 WHERE id = $1`, [
          chunk.id,
          `[${vectors[i]!.join(',')}]`,
          embedder.modelId,
        ]);
      }
    });
    embedded += batch.length;
  }
  return { embedded, more: true };
}

export const embedJob = defineJob({
  name: 'knowledge.embed',
  data: z.object({ tenantId }),
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 30 * 60,
  async handler({ tenantId }) {
    const { embedded, more } = await backfillEmbeddings(systemContext(tenantId, 'knowledge.embed'));
    if (embedded) rootLogger().info({ tenantId, embedded, more }, 'knowledge chunks embedded');
    if (more) await sendJob(embedJob, { tenantId }, { singletonKey: tenantId });
  },
});

/** Queues the workspace's backfill (in the caller's transaction), at most one waiting at a time. */
export function queueEmbedding(tx: Tx, tenantId: string): Promise<string | null> {
  if (!platformModels().embedder) return Promise.resolve(null);
  return enqueue(tx, embedJob, { tenantId }, { singletonKey: tenantId });
}

/** Every workspace with chunks to embed gets a backfill: at start-up and every few minutes. */
export async function queueEmbeddingSweep(): Promise<number> {
  const embedder = platformModels().embedder;
  if (!embedder) return 0;
  let queued = 0;
  for (const id of await activeTenantIds()) {
    queued += await withTenant({ tenantId: id }, async (tx) => {
      if (!(await hasVectorColumn(tx))) return 0;
      const { rows } = await tx.query<{ pending: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM knowledge_chunks c JOIN knowledge_sources s ON s.tenant_id = c.tenant_id AND s.id = c.source_id
                         WHERE c.staged_by IS NULL AND c.embedding_model IS DISTINCT FROM $1 AND ${embeddableLanguageSql('$2')}) AS pending`,
        [embedder.modelId, embedder.languages],
      );
      return rows[0]!.pending ? ((await queueEmbedding(tx, id)) ? 1 : 0) : 0;
    });
  }
  return queued;
}

export const embedSweepJob = defineJob({
  name: 'knowledge.embed-sweep',
  data: z.object({}),
  retryLimit: 1,
  schedule: { cron: '*/5 * * * *', data: {} },
  async handler() {
    await queueEmbeddingSweep();
  },
});
