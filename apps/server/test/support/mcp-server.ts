import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { startServer, type LocalServer } from './fixtures/http-server';

export interface TestMcpServer {
  server: LocalServer;
  /** The endpoint, on 127.0.0.2 (allowed by the tests' EGRESS_ALLOW_CIDRS). */
  url: string;
  /** The Authorization header of every request, in order ('' when none). */
  authorizations: string[];
  /** Every tool call: name and arguments. */
  calls: Array<{ name: string; arguments: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The MCP SDK's own server (Streamable HTTP, stateless) with a few tools to call. */
export async function startTestMcpServer(): Promise<TestMcpServer> {
  const authorizations: string[] = [];
  const calls: TestMcpServer['calls'] = [];
  const build = () => {
    const mcp = new McpServer({ name: 'orders', version: '1.0.0' });
    mcp.registerTool(
      'lookup_order',
      { description: 'Look up an order by its number.', inputSchema: { orderId: z.string() } },
      ({ orderId }) => {
        calls.push({ name: 'lookup_order', arguments: { orderId } });
        return { content: [{ type: 'text', text: `Order ${orderId} shipped on Monday by courier.` }] };
      },
    );
    mcp.registerTool('long_report', { description: 'A very long report.' }, () => {
      calls.push({ name: 'long_report', arguments: {} });
      return { content: [{ type: 'text', text: 'x'.repeat(20_000) }] };
    });
    mcp.registerTool('slow', { description: 'Answers after 5 seconds.' }, async () => {
      calls.push({ name: 'slow', arguments: {} });
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return { content: [{ type: 'text', text: 'Finally.' }] };
    });
    mcp.registerTool('broken', { description: 'Always fails.' }, () => {
      calls.push({ name: 'broken', arguments: {} });
      return { content: [{ type: 'text', text: 'The order system is down.' }], isError: true };
    });
    return mcp;
  };
  const server = await startServer(async (req, res) => {
    authorizations.push(String(req.headers.authorization ?? ''));
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const mcp = build();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void mcp.close());
    await mcp.connect(transport);
    await transport.handleRequest(req, res);
  });
  return {
    server,
    url: `${server.origin}/mcp`,
    authorizations,
    calls,
    close: () => server.close(),
  };
}
