import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { guardedWebFetch, isEgressError } from '../../platform/egress';
import type { McpToolRecord } from './schema';
import { MCP_LIMITS } from './settings';

class McpTimeoutError extends Error {
  override name = 'TimeoutError';
  constructor() {
    super('The MCP server did not answer in time.');
  }
}

export interface McpTarget {
  url: string;
  /** Plain, decrypted just before the call; never logged. */
  token: string | null;
}

/**
 * Opens a session with a remote MCP server (Streamable HTTP), runs `use`, and closes it. Every
 * request goes through the egress guard (address policy on every connection, no redirect,
 * body cap, deadline), so a tenant's URL cannot reach a private address or stream forever.
 * One session per use: calls are rare next to a model answer, and nothing is left open.
 */
export async function withMcpClient<T>(
  target: McpTarget,
  use: (client: Client, signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = AbortSignal.timeout(MCP_LIMITS.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const transport = new StreamableHTTPClientTransport(new URL(target.url), {
    fetch: guardedWebFetch({
      redirect: 'error',
      timeoutMs: MCP_LIMITS.timeoutMs,
      maxBytes: MCP_LIMITS.maxResponseBytes,
      signal: combined,
    }),
    ...(target.token && { requestInit: { headers: { Authorization: `Bearer ${target.token}` } } }),
    // A dropped stream is an error to report, not a reason to keep reconnecting.
    reconnectionOptions: {
      maxRetries: 0,
      initialReconnectionDelay: 1000,
      maxReconnectionDelay: 1000,
      reconnectionDelayGrowFactor: 1,
    },
  });
  const client = new Client({ name: 'switchboard', version: '1' });
  try {
    await client.connect(transport, { signal: combined, timeout: MCP_LIMITS.timeoutMs });
    return await use(client, combined);
  } catch (error) {
    // The SDK words a deadline as its own error; ours says it plainly.
    if (deadline.aborted) throw new McpTimeoutError();
    throw error;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Every tool the server lists (following its pages), up to the cap. */
export function listRemoteTools(target: McpTarget): Promise<McpToolRecord[]> {
  return withMcpClient(target, async (client, signal) => {
    const tools: McpToolRecord[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MCP_LIMITS.maxToolPages; page++) {
      const answer = await client.listTools(cursor ? { cursor } : undefined, { signal, timeout: MCP_LIMITS.timeoutMs });
      for (const tool of answer.tools) {
        if (tools.length >= MCP_LIMITS.maxTools) return tools;
        tools.push({
          name: tool.name.slice(0, 200),
          description: (tool.description ?? tool.title ?? '').slice(0, MCP_LIMITS.maxDescriptionChars),
          inputSchema: tool.inputSchema as Record<string, unknown>,
        });
      }
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
    return tools;
  });
}

/** A tool's result as text for the model: its text parts joined, other parts named, truncated. */
export function resultText(content: ReadonlyArray<{ type: string; text?: unknown }>): string {
  const parts = content.map((part) =>
    part.type === 'text' && typeof part.text === 'string' ? part.text : `[${part.type} content omitted]`,
  );
  const text = parts.join('\n').trim() || '(no content)';
  const max = MCP_LIMITS.maxResultChars;
  return text.length > max ? `${text.slice(0, max)}\n[truncated]` : text;
}

/** A short, safe sentence for a failure (shown to the model, or as the server's last error). */
export function failureText(error: unknown): string {
  if (isEgressError(error)) return error.message;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'The MCP server did not answer in time.';
  const message = error instanceof Error ? error.message : 'The MCP server call failed.';
  return message.replace(/\s+/g, ' ').slice(0, 300);
}
