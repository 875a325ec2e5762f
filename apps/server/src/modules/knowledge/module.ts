import type { ModuleDefinition } from '../module';
import { embedJob, embedSweepJob, queueEmbeddingSweep } from './backfill';
import { ingestJob, syncDueJob } from './jobs';
import { rootLogger } from '../../platform/log';
import { MULTIPART_FRAMING } from '../../platform/http/body-limits';
import { joinRouters } from '../../platform/http/router';
import { knowledgeRoutes } from './routes';
import { sourceRoutes, UPLOAD_PATH } from './source-routes';
import { largestUploadLimit } from './upload-limit';

const source = (tenant: string) =>
  `INSERT INTO knowledge_sources (tenant_id, id, kind, title) VALUES (${tenant}, 'src_' || substr(md5(random()::text), 1, 26), 'text', 'Fixture') RETURNING tenant_id, id`;

export const knowledgeModule: ModuleDefinition = {
  name: 'knowledge',
  routes: ({ config }) => joinRouters(knowledgeRoutes(), sourceRoutes(config)),
  // File uploads: up to the largest plan's cap (each workspace's own is checked after).
  bodyLimits: (config) => [{ path: UPLOAD_PATH, bytes: largestUploadLimit(config), framing: MULTIPART_FRAMING }],
  jobs: [ingestJob, syncDueJob, embedJob, embedSweepJob],
  // Chunks left without a vector of the current embedding model (a new install's old sources,
  // a changed EMBEDDING_MODEL) are queued for the backfill as the platform starts.
  start: ({ config }) => {
    if (config.RUN_WORKER)
      void queueEmbeddingSweep().catch((error: unknown) =>
        rootLogger().warn({ err: error }, 'embedding sweep not queued'),
      );
  },
  isolationFixtures: [
    { table: 'knowledge_sources', insert: ({ tenantId }) => ({ text: source('$1'), values: [tenantId] }) },
    {
      table: 'knowledge_chunks',
      insert: ({ tenantId }) => ({
        text: `WITH s AS (${source('$1')})
               INSERT INTO knowledge_chunks (tenant_id, id, source_id, ordinal, text, content_hash)
               SELECT tenant_id, 'chk_' || substr(md5(random()::text), 1, 26), id, 0, 'fixture text', md5('fixture') FROM s`,
        values: [tenantId],
      }),
    },
    {
      table: 'qa_pairs',
      insert: ({ tenantId }) => ({
        text: `WITH s AS (${source('$1')})
               INSERT INTO qa_pairs (tenant_id, id, source_id, question, answer)
               SELECT tenant_id, 'qa_' || substr(md5(random()::text), 1, 26), id, 'Fixture?', 'Fixture.' FROM s`,
        values: [tenantId],
      }),
    },
    {
      table: 'knowledge_gaps',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO knowledge_gaps (tenant_id, id, question, normalized) VALUES ($1, 'gap_' || substr(md5(random()::text), 1, 26), 'Fixture?', 'fixture')`,
        values: [tenantId],
      }),
    },
  ],
};
