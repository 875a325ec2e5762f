import { z } from '@hono/zod-openapi';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createQaPair, deleteQaPair, listQaPairs, qaInput, updateQaPair } from './qa';
import { questionEmbedding } from './question-embedding';
import { retrieveInput } from './retrieve';
import { searchKnowledge } from './search';
import { tsConfigFor, type QaPairRow } from './schema';
import { createRouter } from '../../platform/http/router';

const PassageSchema = z
  .object({
    chunkId: z.string(),
    sourceId: z.string(),
    sourceTitle: z.string(),
    sourceKind: z.string(),
    text: z.string(),
    heading: z.string(),
    page: z.number().nullable(),
    anchor: z.string().nullable(),
    url: z.string().nullable(),
    score: z.number(),
    coverage: z.number(),
    similarity: z.number().nullable(),
    rerankScore: z.number().optional(),
    qa: z.object({ pairId: z.string(), question: z.string(), answer: z.string() }).nullable(),
  })
  .openapi('Passage');
const QaPair = z.object({ id: z.string(), sourceId: z.string(), question: z.string(), answer: z.string(), createdAt: z.date(), updatedAt: z.date() }).openapi('QaPair');
const searchBody = retrieveInput
  .omit({ tsConfig: true })
  .extend({ sourceIds: z.array(z.string()).max(500).nullish(), language: z.string().regex(/^(auto|[a-z]{2}(-[A-Z]{2})?)$/).default('en') });
const idParam = z.object({ id: z.string().min(1).max(60).openapi({ param: { name: 'id', in: 'path' } }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const strip = ({ tenantId: _t, createdBy: _c, ...rest }: QaPairRow) => rest;

export function knowledgeRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/search',
        tags: ['Knowledge'],
        summary: 'Hybrid search of the workspace’s knowledge, with what each hit would cite',
        request: body(searchBody),
        responses: { 200: json(z.object({ passages: z.array(PassageSchema) }), 'Best passages first'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'knowledge.read' },
    ),
    async (c) => {
      const { language, ...input } = c.req.valid('json');
      const embedding = await questionEmbedding(input.query, c.req.raw.signal);
      return c.json({ passages: await searchKnowledge(serviceContext(c), { ...input, tsConfig: tsConfigFor(language) }, embedding) }, 200);
    },
  );

  const read = { auth: 'workspace', permission: 'knowledge.read' } as const;
  const write = { auth: 'workspace', permission: 'knowledge.write' } as const;
  app.openapi(
    route({ method: 'get', path: '/api/v1/knowledge/qa', tags: ['Knowledge'], summary: 'Curated questions and answers', responses: { 200: json(z.object({ pairs: z.array(QaPair) }), 'Pairs'), ...ErrorResponses } }, read),
    async (c) => c.json({ pairs: (await listQaPairs(serviceContext(c))).map(strip) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/knowledge/qa', tags: ['Knowledge'], summary: 'Add a curated answer (it wins over generation when the question matches)', request: body(qaInput), responses: { 201: json(z.object({ pair: QaPair }), 'Added'), ...ErrorResponses } }, write),
    async (c) => c.json({ pair: strip(await createQaPair(serviceContext(c), c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route({ method: 'put', path: '/api/v1/knowledge/qa/{id}', tags: ['Knowledge'], summary: 'Edit a curated answer', request: { params: idParam, ...body(qaInput) }, responses: { 200: json(z.object({ pair: QaPair }), 'Saved'), ...ErrorResponses } }, write),
    async (c) => c.json({ pair: strip(await updateQaPair(serviceContext(c), c.req.valid('param').id, c.req.valid('json'))) }, 200),
  );
  app.openapi(
    route({ method: 'delete', path: '/api/v1/knowledge/qa/{id}', tags: ['Knowledge'], summary: 'Delete a curated answer', request: { params: idParam }, responses: { 200: json(z.object({ ok: z.literal(true) }), 'Deleted'), ...ErrorResponses } }, write),
    async (c) => {
      await deleteQaPair(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
