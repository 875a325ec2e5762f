import type { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  PassageListResponse,
  qaInput,
  QaPairListResponse,
  QaPairResponse,
  searchKnowledgeBody,
} from '@switchboard/contract/knowledge';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { createQaPair, deleteQaPair, listQaPairs, updateQaPair } from './qa';
import { questionEmbedding } from './question-embedding';
import { searchKnowledge } from './search';
import { tsConfigFor, type QaPairRow } from './schema';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
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
        request: body(searchKnowledgeBody),
        responses: { 200: json(PassageListResponse, 'Best passages first'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'knowledge.read' },
    ),
    async (c) => {
      const { language, ...input } = c.req.valid('json');
      const embedding = await questionEmbedding(input.query, c.req.raw.signal);
      return c.json(
        {
          passages: await searchKnowledge(serviceContext(c), { ...input, tsConfig: tsConfigFor(language) }, embedding),
        },
        200,
      );
    },
  );

  const read = { auth: 'workspace', permission: 'knowledge.read' } as const;
  const write = { auth: 'workspace', permission: 'knowledge.write' } as const;
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/knowledge/qa',
        tags: ['Knowledge'],
        summary: 'Curated questions and answers',
        responses: { 200: json(QaPairListResponse, 'Pairs'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ pairs: (await listQaPairs(serviceContext(c))).map(strip) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/qa',
        tags: ['Knowledge'],
        summary: 'Add a curated answer (it wins over generation when the question matches)',
        request: body(qaInput),
        responses: { 201: json(QaPairResponse, 'Added'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ pair: strip(await createQaPair(serviceContext(c), c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'put',
        path: '/api/v1/knowledge/qa/{id}',
        tags: ['Knowledge'],
        summary: 'Edit a curated answer',
        request: { params: idParam, ...body(qaInput) },
        responses: { 200: json(QaPairResponse, 'Saved'), ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ pair: strip(await updateQaPair(serviceContext(c), c.req.valid('param').id, c.req.valid('json'))) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/knowledge/qa/{id}',
        tags: ['Knowledge'],
        summary: 'Delete a curated answer',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => {
      await deleteQaPair(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
