import { z } from '@hono/zod-openapi';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { mcpMessage } from '@switchboard/contract/mcp';
import { route, serviceContext } from '../../platform/http/access';
import type { Context } from 'hono';
import type { App, AppEnv } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { workspaceMcpServer } from './mcp-server';

const tags = ['MCP'];
// Reading agents is the least a caller needs; each tool checks what it does (knowledge.read, conversations.reply).
const access = { auth: 'workspace', permission: 'agents.read' } as const;

/** Stateless mode has no server-initiated stream and no session to end: the spec's answer is 405. */
const notAllowed = (c: Context<AppEnv>) =>
  c.json(
    {
      error: {
        code: 'method_not_allowed',
        message: 'This MCP endpoint is stateless: send every message with POST.',
        requestId: c.get('requestId'),
      },
    },
    405,
    { allow: 'POST' },
  );

export function mcpRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/mcp',
        tags,
        summary: 'The workspace’s MCP server (Streamable HTTP, stateless): search_knowledge, ask_agent, list_agents',
        description:
          'One JSON-RPC message per request, answered as JSON. Authenticate with an API key (`Authorization: Bearer`); the tools act with its scopes and agents.',
        request: { body: { required: true, content: { 'application/json': { schema: mcpMessage } } } },
        responses: {
          200: json(z.unknown(), 'The JSON-RPC answer'),
          202: { description: 'A notification or response, accepted' },
          ...ErrorResponses,
        },
      },
      access,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const message = c.req.valid('json');
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      const server = workspaceMcpServer(ctx);
      await server.connect(transport);
      // The body was read (and validated) already; the transport gets it parsed, with the
      // Accept it requires, whatever the client sent (JSON is what it answers).
      const headers = new Headers(c.req.raw.headers);
      headers.set('accept', 'application/json, text/event-stream');
      headers.set('content-type', 'application/json');
      const request = new Request(c.req.url, { method: 'POST', headers, signal: c.req.raw.signal });
      try {
        return (await transport.handleRequest(request, { parsedBody: message })) as never;
      } finally {
        await server.close();
      }
    },
  );
  for (const method of ['get', 'delete'] as const) {
    app.openapi(
      route(
        {
          method,
          path: '/api/v1/mcp',
          tags,
          summary: `Not used in stateless mode (405)`,
          responses: { 405: json(z.unknown(), 'Method not allowed'), ...ErrorResponses },
        },
        access,
      ),
      ((c: Context<AppEnv>) => notAllowed(c)) as never,
    );
  }
  return app;
}
