import { isIP } from 'node:net';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { createMcpServerInput, updateMcpServerInput } from '@switchboard/contract/mcp';
import type { z } from 'zod';
import { assertEgressAllowed, isEgressError } from '../../platform/egress';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { mcpServers, type McpServerRow } from './schema';
import { mcpServerView, sealToken, tokenHint, type McpServerView } from './views';

/**
 * Refuses an address the egress guard would refuse when that is known without DNS (an IP
 * literal, localhost). A name is checked again on every connection, where what it resolves
 * to then decides.
 */
async function assertReachable(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host) && host !== 'localhost' && !host.endsWith('.localhost')) return;
  try {
    await assertEgressAllowed(url);
  } catch (error) {
    if (!isEgressError(error)) throw error;
    throw new ValidationError(
      'MCP servers cannot be reached at that address.',
      [{ path: 'url', message: 'Private, loopback and link-local addresses are refused' }],
      'address_refused',
    );
  }
}

export async function loadMcpServer(tx: Tx, id: string, lock = false): Promise<McpServerRow> {
  const query = tx.db.select().from(mcpServers).where(eq(mcpServers.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('MCP server', 'not_found', { table: 'mcp_servers', id });
  return row;
}

/** Names prefix tool names, so two servers of a workspace never share one (case aside). */
async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const same = sql`lower(${mcpServers.name}) = lower(${name})`;
  const [taken] = await tx.db
    .select({ id: mcpServers.id })
    .from(mcpServers)
    .where(exceptId ? and(same, ne(mcpServers.id, exceptId)) : same);
  if (taken)
    throw new ConflictError('Another MCP server has this name.', 'name_taken', [
      { path: 'name', message: 'Choose another name' },
    ]);
}

export async function createMcpServer(
  ctx: ServiceContext,
  input: z.input<typeof createMcpServerInput>,
): Promise<McpServerView> {
  assertCan(ctx, 'integrations.manage');
  const data = createMcpServerInput.parse(input);
  await assertReachable(data.url);
  const id = newId('mcp');
  return withTenant(ctx, async (tx) => {
    await assertNameFree(tx, data.name);
    const [row] = await tx.db
      .insert(mcpServers)
      .values({
        tenantId: ctx.tenantId,
        id,
        name: data.name,
        url: data.url,
        tokenEnc: data.bearerToken ? sealToken(ctx.tenantId, id, data.bearerToken) : null,
        tokenHint: data.bearerToken ? tokenHint(data.bearerToken) : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'mcp_server.created',
      targetType: 'mcp_server',
      targetId: id,
      after: { name: data.name, url: data.url, hasToken: Boolean(data.bearerToken) },
    });
    return mcpServerView(row!);
  });
}

export async function listMcpServers(ctx: ServiceContext): Promise<McpServerView[]> {
  assertCan(ctx, 'integrations.manage');
  const rows = await withTenant(ctx, (tx) => tx.db.select().from(mcpServers).orderBy(asc(mcpServers.name)));
  return rows.map(mcpServerView);
}

export async function getMcpServer(ctx: ServiceContext, id: string): Promise<McpServerView> {
  assertCan(ctx, 'integrations.manage');
  return mcpServerView(await withTenant(ctx, (tx) => loadMcpServer(tx, id)));
}

export async function updateMcpServer(
  ctx: ServiceContext,
  id: string,
  input: z.input<typeof updateMcpServerInput>,
): Promise<McpServerView> {
  assertCan(ctx, 'integrations.manage');
  const patch = updateMcpServerInput.parse(input);
  if (patch.url) await assertReachable(patch.url);
  return withTenant(ctx, async (tx) => {
    const before = await loadMcpServer(tx, id, true);
    if (patch.name) await assertNameFree(tx, patch.name, id);
    const token =
      patch.bearerToken === undefined
        ? {}
        : patch.bearerToken === null
          ? { tokenEnc: null, tokenHint: null }
          : { tokenEnc: sealToken(ctx.tenantId, id, patch.bearerToken), tokenHint: tokenHint(patch.bearerToken) };
    const [row] = await tx.db
      .update(mcpServers)
      .set({ name: patch.name ?? before.name, url: patch.url ?? before.url, ...token, updatedAt: new Date() })
      .where(eq(mcpServers.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'mcp_server.updated',
      targetType: 'mcp_server',
      targetId: id,
      before: { name: before.name, url: before.url, hasToken: before.tokenEnc !== null },
      after: { name: row!.name, url: row!.url, hasToken: row!.tokenEnc !== null },
    });
    return mcpServerView(row!);
  });
}

export async function deleteMcpServer(ctx: ServiceContext, id: string): Promise<void> {
  assertCan(ctx, 'integrations.manage');
  await withTenant(ctx, async (tx) => {
    const row = await loadMcpServer(tx, id, true);
    await tx.db.delete(mcpServers).where(eq(mcpServers.id, id));
    await recordAudit(tx, ctx, {
      action: 'mcp_server.deleted',
      targetType: 'mcp_server',
      targetId: id,
      before: { name: row.name, url: row.url },
    });
  });
}
