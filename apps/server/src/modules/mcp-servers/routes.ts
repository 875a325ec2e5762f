import { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  createMcpServerInput,
  mcpAgentToolsParams,
  McpServerListResponse,
  McpServerResponse,
  setMcpAgentToolsInput,
  updateMcpServerInput,
} from '@switchboard/contract/mcp';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { setMcpAgentTools } from './agent-tools';
import { createMcpServer, deleteMcpServer, getMcpServer, listMcpServers, updateMcpServer } from './manage-mcp-servers';
import { refreshMcpTools } from './refresh-tools';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
// People only, like webhooks: a key that leaked must not point the agents at a server of its choosing.
const manage = { auth: 'workspace', permission: 'integrations.manage', sessionOnly: true } as const;
const tags = ['MCP servers'];

export function mcpServerRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/mcp-servers',
        tags,
        summary: 'The MCP servers the workspace connected',
        responses: { 200: json(McpServerListResponse, 'Servers, by name'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ mcpServers: await listMcpServers(serviceContext(c)) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/mcp-servers',
        tags,
        summary: 'Connect an MCP server (Streamable HTTP); then refresh its tools',
        request: body(createMcpServerInput),
        responses: { 201: json(McpServerResponse, 'The server'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ mcpServer: await createMcpServer(serviceContext(c), c.req.valid('json')) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/mcp-servers/{id}',
        tags,
        summary: 'An MCP server and its tools',
        request: { params: idParam },
        responses: { 200: json(McpServerResponse, 'The server'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ mcpServer: await getMcpServer(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'patch',
        path: '/api/v1/mcp-servers/{id}',
        tags,
        summary: 'Rename a server, change its address or token',
        request: { params: idParam, ...body(updateMcpServerInput) },
        responses: { 200: json(McpServerResponse, 'The server'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) =>
      c.json(
        { mcpServer: await updateMcpServer(serviceContext(c), c.req.valid('param').id, c.req.valid('json')) },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'delete',
        path: '/api/v1/mcp-servers/{id}',
        tags,
        summary: 'Disconnect a server (its tools leave every agent)',
        request: { params: idParam },
        responses: { 200: json(OkResponse, 'Deleted'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      await deleteMcpServer(serviceContext(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/mcp-servers/{id}/refresh',
        tags,
        summary: 'List the server’s tools now and store them',
        description:
          'A server that cannot be reached or refuses answers 200 with `lastError` set; the tools of the last success stay.',
        request: { params: idParam },
        responses: { 200: json(McpServerResponse, 'The server, its tools or its error'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => c.json({ mcpServer: await refreshMcpTools(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'put',
        path: '/api/v1/mcp-servers/{id}/agents/{agentId}',
        tags,
        summary: 'Choose which of the server’s tools an agent may call',
        request: { params: mcpAgentToolsParams, ...body(setMcpAgentToolsInput) },
        responses: { 200: json(McpServerResponse, 'The server'), ...ErrorResponses },
      },
      manage,
    ),
    async (c) => {
      const { id, agentId } = c.req.valid('param');
      return c.json({ mcpServer: await setMcpAgentTools(serviceContext(c), id, agentId, c.req.valid('json')) }, 200);
    },
  );
  return app;
}
