import { and, eq, ne } from 'drizzle-orm';
import { ForbiddenError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import type { AgentConfig } from '@switchboard/contract/agents';
import { agents, agentVersions } from './schema';

/**
 * What knowledge an API key limited to some agents reaches. Knowledge belongs to the workspace;
 * an agent selects sources (`knowledge.sourceIds`, null: every source). A limited key reaches
 * the sources its agents select and may change only those no other agent selects. An agent's
 * draft and live version both count: either may answer a visitor.
 */
export interface KnowledgeScope {
  /** The key's agents. */
  agentIds: readonly string[];
  /** One of the key's agents answers from every source. */
  all: boolean;
  /** Sources the key's agents name. */
  sourceIds: ReadonlySet<string>;
  /** An agent outside the key answers from every source (so every source is shared with it). */
  othersAll: boolean;
  /** Sources agents outside the key name. */
  otherSourceIds: ReadonlySet<string>;
}

/** null: the actor is not limited to some agents (people, workspace-wide keys, the system). */
export function limitedAgents(ctx: Pick<ServiceContext, 'actor'>): readonly string[] | null {
  return ctx.actor.type === 'apiKey' && ctx.actor.agentIds ? ctx.actor.agentIds : null;
}

type Selection = readonly string[] | null;
const selectionOf = (config: AgentConfig | null | undefined): Selection | undefined =>
  config ? (Array.isArray(config.knowledge?.sourceIds) ? config.knowledge.sourceIds : null) : undefined;

/** The scope of a limited key, read in the caller's transaction; null for everyone else. */
export async function knowledgeScopeOf(tx: Tx, ctx: Pick<ServiceContext, 'actor'>): Promise<KnowledgeScope | null> {
  const mine = limitedAgents(ctx);
  if (!mine) return null;
  // Archived agents never answer again (archiving is final), so they share nothing.
  const rows = await tx.db
    .select({ id: agents.id, draft: agents.draft, live: agentVersions.config })
    .from(agents)
    .leftJoin(
      agentVersions,
      and(
        eq(agentVersions.tenantId, agents.tenantId),
        eq(agentVersions.agentId, agents.id),
        eq(agentVersions.version, agents.publishedVersion),
      ),
    )
    .where(ne(agents.status, 'archived'));
  const scope = {
    agentIds: mine,
    all: false,
    sourceIds: new Set<string>(),
    othersAll: false,
    otherSourceIds: new Set<string>(),
  };
  for (const row of rows) {
    const ours = mine.includes(row.id);
    for (const selection of [selectionOf(row.draft), selectionOf(row.live)]) {
      if (selection === undefined) continue;
      if (selection === null) {
        if (ours) scope.all = true;
        else scope.othersAll = true;
      } else for (const id of selection) (ours ? scope.sourceIds : scope.otherSourceIds).add(id);
    }
  }
  return scope;
}

/** Whether the key's agents use this source (so the key may read it). */
export function scopeReaches(scope: KnowledgeScope, sourceId: string): boolean {
  return scope.all || scope.sourceIds.has(sourceId);
}

/** Whether an agent outside the key uses this source (so the key may not change it). */
export function scopeShares(scope: KnowledgeScope, sourceId: string): boolean {
  return scope.othersAll || scope.otherSourceIds.has(sourceId);
}

const LIMITED = 'This API key is limited to some agents';

/** A limited key may not create agents: the new agent would be outside its reach. */
export function assertMayCreateAgent(ctx: Pick<ServiceContext, 'actor'>): void {
  if (limitedAgents(ctx))
    throw new ForbiddenError(`${LIMITED}: it cannot create agents. Use a key for the whole workspace.`, 'agent_scope');
}

/**
 * A limited key choosing its agent's sources may pick only sources its agents already use:
 * otherwise it would widen its own reach to knowledge other agents keep.
 */
export async function assertSelectionInScope(
  tx: Tx,
  ctx: Pick<ServiceContext, 'actor'>,
  selection: Selection,
): Promise<void> {
  const scope = await knowledgeScopeOf(tx, ctx);
  if (!scope || scope.all) return;
  if (selection === null)
    throw new ForbiddenError(`${LIMITED}: it cannot let an agent answer from every source.`, 'knowledge_scope');
  const outside = selection.filter((id) => !scope.sourceIds.has(id));
  if (outside.length)
    throw new ForbiddenError(
      `${LIMITED}: it can only choose sources its agents already use (not ${outside.join(', ')}).`,
      'knowledge_scope',
    );
}
