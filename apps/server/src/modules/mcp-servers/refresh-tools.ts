import { eq } from 'drizzle-orm';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { failureText, listRemoteTools, type McpTarget } from './connect';
import { loadMcpServer } from './manage-mcp-servers';
import { mcpServers, type McpServerRow } from './schema';
import { mcpServerView, openToken, type McpServerView } from './views';

export function targetOf(row: McpServerRow): McpTarget {
  return { url: row.url, token: row.tokenEnc ? openToken(row.tenantId, row.id, row.tokenEnc) : null };
}

/**
 * Asks the server for its tools and stores their names, descriptions and input schemas. A
 * failure is kept as the server's `lastError` (the tools of the last success stay), so the
 * answer is the server either way. No transaction is held while the server is asked.
 */
export async function refreshMcpTools(ctx: ServiceContext, id: string): Promise<McpServerView> {
  assertCan(ctx, 'integrations.manage');
  const row = await withTenant(ctx, (tx) => loadMcpServer(tx, id));
  let outcome: { tools: McpServerRow['tools'] } | { error: string };
  try {
    outcome = { tools: await listRemoteTools(targetOf(row)) };
  } catch (error) {
    outcome = { error: failureText(error) };
  }
  return withTenant(ctx, async (tx) => {
    await loadMcpServer(tx, id, true);
    const now = new Date();
    const [updated] = await tx.db
      .update(mcpServers)
      .set(
        'tools' in outcome
          ? { tools: outcome.tools, toolsRefreshedAt: now, lastError: null, updatedAt: now }
          : { lastError: outcome.error, updatedAt: now },
      )
      .where(eq(mcpServers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'mcp_server.refreshed',
      targetType: 'mcp_server',
      targetId: id,
      after: 'tools' in outcome ? { tools: outcome.tools.map((t) => t.name) } : { error: outcome.error },
    });
    return mcpServerView(updated!);
  });
}
