import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { setMcpAgentToolsInput } from '@switchboard/contract/mcp';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { ChatTool } from '../../platform/llm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { agents } from '../agents';
import { recordAudit } from '../audit';
import { failureText, resultText, withMcpClient } from './connect';
import { loadMcpServer } from './manage-mcp-servers';
import { targetOf } from './refresh-tools';
import { mcpServers, type McpServerRow, type McpToolRecord } from './schema';
import { MCP_LIMITS } from './settings';
import { mcpServerView, type McpServerView } from './views';

/** Chooses which of a server's tools an agent may call (replacing the previous choice). */
export async function setMcpAgentTools(
  ctx: ServiceContext,
  serverId: string,
  agentId: string,
  input: z.input<typeof setMcpAgentToolsInput>,
): Promise<McpServerView> {
  assertCan(ctx, 'integrations.manage');
  const { tools } = setMcpAgentToolsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    const row = await loadMcpServer(tx, serverId, true);
    const [agent] = await tx.db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId));
    if (!agent) throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
    const known = new Set(row.tools.map((t) => t.name));
    const unknown = tools.filter((name) => !known.has(name));
    if (unknown.length)
      throw new ValidationError(
        'This server has no such tool (refresh its tools first).',
        unknown.map((name) => ({ path: 'tools', message: `Unknown tool ${name}` })),
        'unknown_tool',
      );
    const agentTools = { ...row.agentTools };
    if (tools.length) agentTools[agentId] = [...new Set(tools)].sort();
    else delete agentTools[agentId];
    const [updated] = await tx.db
      .update(mcpServers)
      .set({ agentTools, updatedAt: new Date() })
      .where(eq(mcpServers.id, serverId))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'mcp_server.agent_tools_set',
      targetType: 'mcp_server',
      targetId: serverId,
      before: { agentId, tools: row.agentTools[agentId] ?? [] },
      after: { agentId, tools },
    });
    return mcpServerView(updated!);
  });
}

/**
 * The name the model sees: `<server>__<tool>` in the characters every provider accepts
 * (letters, digits, _ and -) and at most 64 of them; a longer one ends with a hash so two
 * long names stay apart.
 */
export function modelToolName(server: string, tool: string): string {
  const name = `${server}__${tool}`.replace(/[^A-Za-z0-9_-]/g, '_');
  if (name.length <= 64) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}_${hash}`;
}

/** The tool's schema as providers take it: an object, without the `$schema` some providers refuse. */
export function providerSchema(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return { ...rest, type: 'object' };
}

// The remote server validates the arguments against its own schema; ours only asks for an object.
const anyObject = z.record(z.string(), z.unknown());

function chatTool(row: McpServerRow, tool: McpToolRecord): ChatTool {
  return {
    description: `${tool.description || tool.name} (tool ${tool.name} of the ${row.name} MCP server)`.slice(
      0,
      MCP_LIMITS.maxDescriptionChars,
    ),
    inputSchema: anyObject,
    jsonSchema: providerSchema(tool.inputSchema),
    async execute(input: Record<string, unknown>, { abortSignal }) {
      let answer;
      try {
        answer = await withMcpClient(
          targetOf(row),
          (client, signal) =>
            client.callTool({ name: tool.name, arguments: input }, undefined, {
              signal,
              timeout: MCP_LIMITS.timeoutMs,
            }),
          abortSignal,
        );
      } catch (error) {
        throw new Error(failureText(error));
      }
      const content = Array.isArray(answer.content) ? (answer.content as Array<{ type: string; text?: unknown }>) : [];
      const text =
        content.length || !answer.structuredContent
          ? resultText(content)
          : resultText([{ type: 'text', text: JSON.stringify(answer.structuredContent) }]);
      // An error result goes to the model as a failed call, in a sentence or two.
      if (answer.isError) throw new Error(text.slice(0, 500));
      return text;
    },
  };
}

/** The MCP tools an agent may call, keyed by the names the model sees. */
export async function mcpToolsFor(ctx: ServiceContext, agentId: string): Promise<Record<string, ChatTool>> {
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(mcpServers).orderBy(mcpServers.name));
  const tools: Record<string, ChatTool> = {};
  for (const row of rows) {
    const enabled = new Set(row.agentTools[agentId] ?? []);
    for (const tool of row.tools) {
      const name = modelToolName(row.name, tool.name);
      if (enabled.has(tool.name) && !tools[name]) tools[name] = chatTool(row, tool);
    }
  }
  return tools;
}
