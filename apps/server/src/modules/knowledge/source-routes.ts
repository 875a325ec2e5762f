import type { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  answerGapsInput,
  createSourceInput,
  GapGroupListResponse,
  GapsDismissedResponse,
  gapIdsInput,
  QaPairResponse,
  SourceListResponse,
  SourceResponse,
  updateSourceInput,
  UPLOAD_FORM_SCHEMA,
} from '@switchboard/contract/knowledge';
import type { Config } from '../../platform/config';
import { route, serviceContext } from '../../platform/http/access';
import { uploadedForm } from '../../platform/http/multipart';
import type { App } from '../../platform/http/env';
import { ErrorEnvelope, ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { answerGaps, dismissGaps, groupOpenGaps } from './gaps';
import {
  assertMayAddSources,
  createSource,
  deleteSource,
  getSource,
  listSources,
  retrySource,
  syncSource,
  updateSource,
} from './sources';
import { createFileSource } from './upload';
import { uploadLimitFor } from './upload-limit';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const one = json(SourceResponse, 'The source');
const conflict = { 409: json(ErrorEnvelope, 'Not possible in the source’s current state') };
const read = { auth: 'workspace', permission: 'knowledge.read' } as const;
const write = { auth: 'workspace', permission: 'knowledge.write' } as const;
const tags = ['Knowledge'];
export const UPLOAD_PATH = '/api/v1/knowledge/sources/upload';

export function sourceRoutes(config: Config): App {
  const app = createRouter();
  const limits = { maxCrawlPages: config.KNOWLEDGE_MAX_CRAWL_PAGES };
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/knowledge/sources',
        tags,
        summary: 'Knowledge sources, newest first (the Q&A source included), and the installation’s limits',
        responses: { 200: json(SourceListResponse, 'Sources'), ...ErrorResponses },
      },
      read,
    ),
    async (c) =>
      c.json(
        {
          sources: await listSources(serviceContext(c)),
          limits: {
            maxUploadBytes: await uploadLimitFor(config, serviceContext(c).tenantId),
            maxCrawlPages: config.KNOWLEDGE_MAX_CRAWL_PAGES,
          },
        },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/knowledge/sources/{id}',
        tags,
        summary: 'One source, with its ingestion status and progress',
        request: { params: idParam },
        responses: { 200: one, ...ErrorResponses },
      },
      read,
    ),
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
        responses: { 201: json(SourceResponse, 'Added, status pending'), ...ErrorResponses },
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
                schema: UPLOAD_FORM_SCHEMA,
              },
            },
          },
        },
        responses: {
          201: json(SourceResponse, 'Stored, status pending'),
          ...ErrorResponses,
          413: json(ErrorEnvelope, 'The file is over the upload limit'),
        },
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
        {
          bytes: new Uint8Array(await file.arrayBuffer()),
          filename: file.name,
          declaredType: file.type,
          ...(title ? { title } : {}),
          ...(language ? { language } : {}),
        },
        { maxUploadBytes: await uploadLimitFor(config, ctx.tenantId) },
      );
      return c.json({ source }, 201);
    },
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/knowledge/sources/{id}',
        tags,
        summary: 'Rename a source or change its sync interval',
        request: { params: idParam, ...body(updateSourceInput) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ source: await updateSource(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/sources/{id}/retry',
        tags,
        summary: 'Ingest a failed source again',
        request: { params: idParam },
        responses: { 200: one, ...ErrorResponses, ...conflict },
      },
      write,
    ),
    async (c) => c.json({ source: await retrySource(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/sources/{id}/sync',
        tags,
        summary: 'Fetch a page or website source again now',
        request: { params: idParam },
        responses: { 200: one, ...ErrorResponses, ...conflict },
      },
      write,
    ),
    async (c) => c.json({ source: await syncSource(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/knowledge/sources/{id}',
        tags,
        summary: 'Delete a source, its chunks and its stored file',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses, ...conflict },
      },
      write,
    ),
    async (c) => {
      await deleteSource(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );

  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/knowledge/gaps',
        tags,
        summary: 'Questions the knowledge could not answer, grouped by similar wording',
        responses: { 200: json(GapGroupListResponse, 'Most asked first'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ groups: await groupOpenGaps(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/gaps/answer',
        tags,
        summary: 'Answer questions with a curated Q&A pair',
        request: body(answerGapsInput),
        responses: { 201: json(QaPairResponse, 'The Q&A pair; the questions are answered'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => {
      const { tenantId: _t, createdBy: _c, ...pair } = await answerGaps(serviceContext(c), c.req.valid('json'));
      return c.json({ pair }, 201);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/knowledge/gaps/dismiss',
        tags,
        summary: 'Dismiss questions that need no answer',
        request: body(gapIdsInput),
        responses: { 200: json(GapsDismissedResponse, 'Dismissed'), ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ dismissed: await dismissGaps(serviceContext(c), c.req.valid('json')) }, 200),
  );
  return app;
}
