import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ServiceContext } from '../../platform/tenancy';
import { askAgentText, askInput, listAgentsText, searchInput, searchKnowledgeText } from './agent-tools';

type ToolAnswer = { content: Array<{ type: 'text'; text: string }>; isError?: boolean };

/** A refusal or failure becomes the tool's error result, in the service's own words. */
async function answer(run: () => Promise<string>): Promise<ToolAnswer> {
  try {
    return { content: [{ type: 'text', text: await run() }] };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'The call failed.';
    return { content: [{ type: 'text', text: message }], isError: true };
  }
}

/**
 * The workspace's MCP server for one request, acting as the caller (its API key's scopes and
 * agents). Stateless: a new server per request, nothing kept between them.
 */
export function workspaceMcpServer(ctx: ServiceContext): McpServer {
  const server = new McpServer({ name: 'switchboard', version: '1.0.0' });
  server.registerTool('list_agents', { description: 'The support agents this key can use: their ids and names.' }, () =>
    answer(() => listAgentsText(ctx)),
  );
  server.registerTool(
    'search_knowledge',
    {
      description:
        'Search the business’s support knowledge base. Returns numbered passages with their source titles and links.',
      inputSchema: searchInput,
    },
    (input) => answer(() => searchKnowledgeText(ctx, input)),
  );
  server.registerTool(
    'ask_agent',
    {
      description:
        'Ask one of the business’s support agents a question. Returns its answer, grounded in the knowledge base, with the sources it cites.',
      inputSchema: askInput,
    },
    (input, extra) => answer(() => askAgentText(ctx, input, extra.signal)),
  );
  return server;
}
