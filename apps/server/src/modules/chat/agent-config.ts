import { and, eq } from 'drizzle-orm';
import { TtlCache } from '../../platform/cache/ttl-cache';
import { NotFoundError } from '../../platform/errors';
import type { Tx } from '../../platform/tenancy';
import { agents, agentVersions, type AgentConfig } from '../agents';
import type { ConversationRow } from './schema';

/** Published versions never change: each is read once per process (by tenant, agent and number). */
const versions = new TtlCache<string, AgentConfig>({ ttlMs: Infinity, max: 5_000 });

/** The configuration a conversation runs on: its agent version, or the draft (playground). */
export async function agentConfigFor(tx: Tx, conversation: ConversationRow): Promise<AgentConfig> {
  const key = `${conversation.tenantId}:${conversation.agentId}:${conversation.agentVersion}`;
  const known = conversation.agentVersion === 0 ? undefined : versions.get(key);
  if (known) return known;
  if (conversation.agentVersion === 0) {
    const [agent] = await tx.db.select({ draft: agents.draft }).from(agents).where(eq(agents.id, conversation.agentId));
    if (!agent) throw new NotFoundError('Agent');
    return agent.draft;
  }
  const [version] = await tx.db
    .select({ config: agentVersions.config })
    .from(agentVersions)
    .where(and(eq(agentVersions.agentId, conversation.agentId), eq(agentVersions.version, conversation.agentVersion)));
  if (!version) throw new NotFoundError('Agent version');
  versions.set(key, version.config);
  return version.config;
}

/** The language the conversation's messages are written in ("auto" follows the visitor's locale). */
export function conversationLanguage(config: AgentConfig, conversation: ConversationRow): string {
  if (config.language !== 'auto') return config.language;
  const locale =
    conversation.metadata.locale ?? (conversation.metadata.visitor as Record<string, unknown> | undefined)?.locale;
  return typeof locale === 'string' && /^[a-z]{2}/i.test(locale) ? locale.slice(0, 2).toLowerCase() : 'en';
}
