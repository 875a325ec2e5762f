import { z } from '@hono/zod-openapi';
import type { Config } from '../../platform/config';
import { route, serviceContext } from '../../platform/http/access';
import { uploadedForm } from '../../platform/http/multipart';
import type { App } from '../../platform/http/env';
import { ErrorEnvelope, ErrorResponses, json } from '../../platform/http/openapi';
import { answerGaps, answerGapsInput, dismissGaps, gapIdsInput, groupOpenGaps } from './gaps';
import { assertMayAddSources, createSource, createSourceInput, deleteSource, getSource, listSources, retrySource, syncSource, updateSource, updateSourceInput } from './sources';
import { createFileSource } from './upload';
import { uploadLimitFor } from './upload-limit';
import { createRouter } from '../../platform/http/router';

const SourceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['file', 'url', 'website', 'text', 'qa']),
    title: z.string(),
    status: z.enum(['pending', 'processing', 'ready', 'failed']),
    stage: z.string().nullable().openapi({ description: 'fetch, extract, chunk, embed, store while working (queued before a sync); null when idle' }),
    progress: z.number().int().min(0).max(100),
    error: z.string().nullable(),
    url: z.string().nullable(),
    file: z.object({ name: z.string(), size: z.number().int(), type: z.string() }).nullable(),
    chunkCount: z.number().int(),
    tokenCount: z.number().int(),
    searchConfig: z.string().openapi({ description: 'The text-search configuration its text is indexed with (from the language given when it was added)' }),
    syncIntervalHours: z.number().int().nullable(),
    lastSyncedAt: z.date().nullable(),
    nextSyncAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('KnowledgeSource');
const Limits = z.object({ maxUploadBytes: z.number().int(), maxCrawlPages: z.number().int() }).openapi('KnowledgeLimits');
const GapGroup = z.object({ representative: z.string(), count: z.number().int(), lastAskedAt: z.date(), gapIds: z.array(z.string()) }).openapi('KnowledgeGapGroup');
const QaPair = z.object({ id: z.string(), sourceId: z.string(), question: z.string(), answer: z.string(), createdAt: z.date(), updatedAt: z.date() });
const idParam = z.object({ id: z.string().min(1).max(60).openapi({ param: { name: 'id', in: 'path' } }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const one = json(z.object({ source: SourceSchema }), 'The source');
const conflict = { 409: json(ErrorEnvelope, 'Not possible in the source’s current state') };
const read = { auth: 'workspace', permission: 'knowledge.read' } as const;
const write = { auth: 'workspace', permission: 'knowledge.write' } as const;
const tags = ['Knowledge'];
export const UPLOAD_PATH = '/api/v1/knowledge/sources/upload';

export function sourceRoutes(config: Config): App {
  const app = createRouter();
  const limits = { maxCrawlPages: config.KNOWLEDGE_MAX_CRAWL_PAGES };
  app.openapi(
    route({ method: 'get', path: '/api/v1/knowledge/sources', tags, summary: 'Knowledge sources, newest first (the Q&A source included), and the installation’s limits', responses: { 200: json(z.object({ sources: z.array(SourceSchema), limits: Limits }), 'Sources'), ...ErrorResponses } }, read),
    async (c) => c.json({ sources: await listSources(serviceContext(c)), limits: { maxUploadBytes: await uploadLimitFor(config, serviceContext(c).tenantId), maxCrawlPages: config.KNOWLEDGE_MAX_CRAWL_PAGES } }, 200),
  );
  app.openapi(
    route({ method: 'get', path: '/api/v1/knowledge/sources/{id}', tags, summary: 'One source, with its ingestion status and progress', request: { params: idParam }, responses: { 200: one, ...ErrorResponses } }, read),
    async (c) => c.json({ source: await getSource(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/sources',
        tags,
        summary: 'Add a page (url), a website (crawled) or text; ingested in the background',
        description: `A website is crawled within \`maxPages\` (default 50, at most ${config.KNOWLEDGE_MAX_CRAWL_PAGES}) and \`maxDepth\` (default 3), honouring robots.txt and the sitemap.`,
        request: body(createSourceInput),
        responses: { 201: json(z.object({ source: SourceSchema }), 'Added, status pending'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ source: await createSource(serviceContext(c), c.req.valid('json'), limits) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: UPLOAD_PATH,
        tags,
        summary: 'Upload a file (PDF, DOCX, HTML, Markdown, CSV, JSON, text); ingested in the background',
        description: `multipart/form-data with the file in \`file\` and an optional \`title\`; at most the workspace plan's upload cap (${config.KNOWLEDGE_MAX_UPLOAD_BYTES} bytes unless the plan sets another; the sources list gives it as \`limits.maxUploadBytes\`). The type is read from the content, not the name: anything else answers 400 \`unsupported_file_type\`.`,
        request: {
          body: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, title: { type: 'string', maxLength: 200 }, language: { type: 'string', description: 'Language of its text (en, es, pt-BR… or auto); en by default' } }, required: ['file'] },
              },
            },
          },
        },
        responses: { 201: json(z.object({ source: SourceSchema }), 'Stored, status pending'), ...ErrorResponses, 413: json(ErrorEnvelope, 'The file is over the upload limit') },
      },
      write,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      // A key that may not add sources is refused before its upload is read.
      await assertMayAddSources(ctx);
      const { file, form } = await uploadedForm(c);
      const title = typeof form.title === 'string' ? form.title : undefined;
      const language = typeof form.language === 'string' ? form.language : undefined;
      const source = await createFileSource(
        ctx,
        { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, declaredType: file.type, ...(title ? { title } : {}), ...(language ? { language } : {}) },
        { maxUploadBytes: await uploadLimitFor(config, ctx.tenantId) },
      );
      return c.json({ source }, 201);
    },
  );
  app.openapi(
    route({ method: 'patch', path: '/api/v1/knowledge/sources/{id}', tags, summary: 'Rename a source or change its sync interval', request: { params: idParam, ...body(updateSourceInput) }, responses: { 200: one, ...ErrorResponses } }, write),
    async (c) => c.json({ source: await updateSource(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/knowledge/sources/{id}/retry', tags, summary: 'Ingest a failed source again', request: { params: idParam }, responses: { 200: one, ...ErrorResponses, ...conflict } }, write),
    async (c) => c.json({ source: await retrySource(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/knowledge/sources/{id}/sync', tags, summary: 'Fetch a page or website source again now', request: { params: idParam }, responses: { 200: one, ...ErrorResponses, ...conflict } }, write),
    async (c) => c.json({ source: await syncSource(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route({ method: 'delete', path: '/api/v1/knowledge/sources/{id}', tags, summary: 'Delete a source, its chunks and its stored file', request: { params: idParam }, responses: { 200: json(z.object({ ok: z.literal(true) }), 'Deleted'), ...ErrorResponses, ...conflict } }, write),
    async (c) => {
      await deleteSource(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    route({ method: 'get', path: '/api/v1/knowledge/gaps', tags, summary: 'Questions the knowledge could not answer, grouped by similar wording', responses: { 200: json(z.object({ groups: z.array(GapGroup) }), 'Most asked first'), ...ErrorResponses } }, read),
    async (c) => c.json({ groups: await groupOpenGaps(serviceContext(c)) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/knowledge/gaps/answer', tags, summary: 'Answer questions with a curated Q&A pair', request: body(answerGapsInput), responses: { 201: json(z.object({ pair: QaPair }), 'The Q&A pair; the questions are answered'), ...ErrorResponses } }, write),
    async (c) => {
      const { tenantId: _t, createdBy: _c, ...pair } = await answerGaps(serviceContext(c), c.req.valid('json'));
      return c.json({ pair }, 201);
    },
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/knowledge/gaps/dismiss', tags, summary: 'Dismiss questions that need no answer', request: body(gapIdsInput), responses: { 200: json(z.object({ dismissed: z.number().int() }), 'Dismissed'), ...ErrorResponses } }, write),
    async (c) => c.json({ dismissed: await dismissGaps(serviceContext(c), c.req.valid('json')) }, 200),
  );
  return app;
}
