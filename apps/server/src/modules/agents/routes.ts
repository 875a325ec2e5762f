import { z } from '@hono/zod-openapi';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { agentConfig, agentConfigPatch } from './config';
import { createAgent, createAgentInput, getAgent, listAgents, setAgentStatus, updateAgentDraft } from './manage-agents';
import { getVersion, listVersions, publishAgent, rollbackAgent } from './versions';
import { createRouter } from '../../platform/http/router';

const Config = agentConfig.openapi('AgentConfig');
const Agent = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['active', 'paused', 'archived']),
    draft: Config,
    publishedVersion: z.number().nullable(),
    published: Config.nullable(),
    hasUnpublishedChanges: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Agent');
const Version = z.object({ version: z.number(), note: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.date(), live: z.boolean() }).openapi('AgentVersionSummary');

const idParam = z.object({ id: z.string().min(1).max(60).openapi({ param: { name: 'id', in: 'path' } }) });
const versionParam = idParam.extend({ version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' } }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });
const read = { auth: 'workspace', permission: 'agents.read' } as const;
const write = { auth: 'workspace', permission: 'agents.write' } as const;
const one = json(z.object({ agent: Agent }), 'The agent');

export function agentRoutes(): App {
  const app = createRouter();
  app.openapi(
    route({ method: 'get', path: '/api/v1/agents', tags: ['Agents'], summary: 'List agents', responses: { 200: json(z.object({ agents: z.array(Agent) }), 'Agents'), ...ErrorResponses } }, read),
    async (c) => c.json({ agents: await listAgents(serviceContext(c)) }, 200),
  );
  app.openapi(
    route({ method: 'post', path: '/api/v1/agents', tags: ['Agents'], summary: 'Create an agent (published as version 1)', request: body(createAgentInput), responses: { 201: one, ...ErrorResponses } }, write),
    async (c) => c.json({ agent: await createAgent(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route({ method: 'get', path: '/api/v1/agents/{id}', tags: ['Agents'], summary: 'An agent, with its draft and live configuration', request: { params: idParam }, responses: { 200: one, ...ErrorResponses } }, read),
    async (c) => c.json({ agent: await getAgent(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      { method: 'patch', path: '/api/v1/agents/{id}', tags: ['Agents'], summary: 'Edit the draft (publish to make it live)', request: { params: idParam, ...body(agentConfigPatch) }, responses: { 200: one, ...ErrorResponses } },
      write,
    ),
    async (c) => c.json({ agent: await updateAgentDraft(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/publish',
        tags: ['Agents'],
        summary: 'Publish the draft as the next version',
        request: { params: idParam, ...body(z.object({ note: z.string().trim().max(500).nullish() }).strict()) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ agent: await publishAgent(serviceContext(c), c.req.valid('param').id, c.req.valid('json').note ?? null) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/rollback',
        tags: ['Agents'],
        summary: 'Make an earlier version live again',
        request: { params: idParam, ...body(z.object({ version: z.number().int().min(1) })) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ agent: await rollbackAgent(serviceContext(c), c.req.valid('param').id, c.req.valid('json').version) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/status',
        tags: ['Agents'],
        summary: 'Pause, resume or archive an agent',
        request: { params: idParam, ...body(z.object({ status: z.enum(['active', 'paused', 'archived']) })) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ agent: await setAgentStatus(serviceContext(c), c.req.valid('param').id, c.req.valid('json').status) }, 200),
  );
  app.openapi(
    route({ method: 'get', path: '/api/v1/agents/{id}/versions', tags: ['Agents'], summary: 'Published versions, newest first', request: { params: idParam }, responses: { 200: json(z.object({ versions: z.array(Version) }), 'Versions'), ...ErrorResponses } }, read),
    async (c) => c.json({ versions: await listVersions(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/agents/{id}/versions/{version}',
        tags: ['Agents'],
        summary: 'One version’s frozen configuration',
        request: { params: versionParam },
        responses: { 200: json(z.object({ version: z.number(), config: Config, note: z.string().nullable(), createdAt: z.date() }), 'The version'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json(await getVersion(serviceContext(c), c.req.valid('param').id, c.req.valid('param').version), 200),
  );
  return app;
}
