import { z } from './z';

// MCP: remote MCP servers a workspace connects (their tools join an agent's tool loop), and
// the workspace's own MCP endpoint (`/api/v1/mcp`) serving its knowledge and agents.

/** Part of every tool name the model sees (`<name>__<tool>`), so letters, digits, _ and - only. */
export const mcpServerName = z
  .string()
  .trim()
  .min(1, 'Name the server')
  .max(30, 'Keep the name to 30 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'Start with a letter; then letters, digits, _ and - (it prefixes the tool names)');

export const mcpServerUrl = z
  .string()
  .trim()
  .max(2000, 'Keep the address under 2,000 characters')
  .url('Enter a full address, like https://example.com/mcp')
  .refine((value) => /^https?:\/\//i.test(value), 'Use an http:// or https:// address');

const bearerToken = z
  .string()
  .trim()
  .min(1)
  .max(4000)
  .openapi({ description: 'Sent as `Authorization: Bearer …`; stored encrypted, never returned' });

export const createMcpServerInput = z
  .object({ name: mcpServerName, url: mcpServerUrl, bearerToken: bearerToken.nullish() })
  .strict();

export const updateMcpServerInput = z
  .object({
    name: mcpServerName.optional(),
    url: mcpServerUrl.optional(),
    bearerToken: bearerToken.nullish().openapi({ description: 'A new token; `null` removes it; absent keeps it' }),
  })
  .strict();

export const setMcpAgentToolsInput = z
  .object({
    tools: z
      .array(z.string().min(1).max(200))
      .max(200)
      .openapi({ description: 'Names of this server’s tools the agent may call; `[]` for none' }),
  })
  .strict();

export const McpToolSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    inputSchema: z.record(z.string(), z.unknown()),
  })
  .openapi('McpTool');

export const McpServerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    url: z.string(),
    hasToken: z.boolean(),
    tokenHint: z.string().nullable().openapi({ description: 'The token masked (its last 4 characters), or null' }),
    tools: z.array(McpToolSchema).openapi({ description: 'The tools as of the last refresh' }),
    agentTools: z
      .record(z.string(), z.array(z.string()))
      .openapi({ description: 'Per agent id, the tool names it may call' }),
    toolsRefreshedAt: z.string().nullable(),
    lastError: z.string().nullable().openapi({ description: 'Why the last refresh failed, or null' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('McpServer');

export const McpServerResponse = z.object({ mcpServer: McpServerSchema });
export const McpServerListResponse = z.object({ mcpServers: z.array(McpServerSchema) });

/** One JSON-RPC message of the Streamable HTTP transport (batches are not accepted). */
export const mcpMessage = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]).optional(),
    method: z.string().max(200).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    result: z.unknown().optional(),
    error: z.unknown().optional(),
  })
  .openapi('McpMessage');

export const mcpAgentToolsParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' } }),
  agentId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'agentId', in: 'path' } }),
});
