import type { z } from 'zod';
import type { McpServerSchema } from '@switchboard/contract/mcp';
import { secrets } from '../../platform/crypto';
import type { McpServerRow } from './schema';

export type McpServerView = z.infer<typeof McpServerSchema>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The token never leaves: only whether there is one, and its last characters. */
export function mcpServerView(row: McpServerRow): McpServerView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    hasToken: row.tokenEnc !== null,
    tokenHint: row.tokenHint,
    tools: row.tools,
    agentTools: row.agentTools,
    toolsRefreshedAt: iso(row.toolsRefreshedAt),
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// The associated data binds a ciphertext to its workspace and server: copied elsewhere, it won't decrypt.
const aad = (tenantId: string, serverId: string) => `mcp:${tenantId}:${serverId}`;

export const sealToken = (tenantId: string, serverId: string, token: string) =>
  secrets().encrypt(token, aad(tenantId, serverId));
export const openToken = (tenantId: string, serverId: string, sealed: string) =>
  secrets().decrypt(sealed, aad(tenantId, serverId));

/** Long tokens show their last 4 characters; short ones nothing at all. */
export const tokenHint = (token: string) => (token.length >= 12 ? `••••${token.slice(-4)}` : '••••');
