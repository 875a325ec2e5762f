import type { z } from '@hono/zod-openapi';
import {
  AgentListResponse,
  AgentResponse,
  AgentVersionListResponse,
  AgentVersionSchema,
  agentConfigPatch,
  agentStatusBody,
  agentVersionParam as versionParam,
  createAgentInput,
  publishAgentBody,
  rollbackAgentBody,
} from '@switchboard/contract/agents';
import { idParam } from '@switchboard/contract/common';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { createAgent, getAgent, listAgents, setAgentStatus, updateAgentDraft } from './manage-agents';
import { getVersion, listVersions, publishAgent, rollbackAgent } from './versions';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const read = { auth: 'workspace', permission: 'agents.read' } as const;
const write = { auth: 'workspace', permission: 'agents.write' } as const;
const one = json(AgentResponse, 'The agent');

export function agentRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/agents',
        tags: ['Agents'],
        summary: 'List agents',
        responses: { 200: json(AgentListResponse, 'Agents'), ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ agents: await listAgents(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents',
        tags: ['Agents'],
        summary: 'Create an agent (published as version 1)',
        request: body(createAgentInput),
        responses: { 201: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) => c.json({ agent: await createAgent(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/agents/{id}',
        tags: ['Agents'],
        summary: 'An agent, with its draft and live configuration',
        request: { params: idParam },
        responses: { 200: one, ...ErrorResponses },
      },
      read,
    ),
    async (c) => c.json({ agent: await getAgent(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/agents/{id}',
        tags: ['Agents'],
        summary: 'Edit the draft (publish to make it live)',
        request: { params: idParam, ...body(agentConfigPatch) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json({ agent: await updateAgentDraft(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/publish',
        tags: ['Agents'],
        summary: 'Publish the draft as the next version',
        request: { params: idParam, ...body(publishAgentBody) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json(
        { agent: await publishAgent(serviceContext(c), c.req.valid('param').id, c.req.valid('json').note ?? null) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/rollback',
        tags: ['Agents'],
        summary: 'Make an earlier version live again',
        request: { params: idParam, ...body(rollbackAgentBody) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json(
        { agent: await rollbackAgent(serviceContext(c), c.req.valid('param').id, c.req.valid('json').version) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/agents/{id}/status',
        tags: ['Agents'],
        summary: 'Pause, resume or archive an agent',
        request: { params: idParam, ...body(agentStatusBody) },
        responses: { 200: one, ...ErrorResponses },
      },
      write,
    ),
    async (c) =>
      c.json(
        { agent: await setAgentStatus(serviceContext(c), c.req.valid('param').id, c.req.valid('json').status) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/agents/{id}/versions',
        tags: ['Agents'],
        summary: 'Published versions, newest first',
        request: { params: idParam },
        responses: { 200: json(AgentVersionListResponse, 'Versions'), ...ErrorResponses },
      },
      read,
    ),
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
        responses: { 200: json(AgentVersionSchema, 'The version'), ...ErrorResponses },
      },
      read,
    ),
    async (c) =>
      c.json(await getVersion(serviceContext(c), c.req.valid('param').id, c.req.valid('param').version), 200),
  );
  return app;
}
