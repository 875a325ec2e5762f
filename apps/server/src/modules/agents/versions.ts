import { and, desc, eq, sql } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { assertAgentVisible } from './access';
import type { AgentConfig } from '@switchboard/contract/agents';
import { assertSelectionInScope } from './knowledge-scope';
import { getAgent, lockAgent, type AgentView } from './manage-agents';
import { runPublishGuards } from './publish-guards';
import { agents, agentVersions } from './schema';

export interface VersionSummary {
  version: number;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
  live: boolean;
}

const actorId = (ctx: ServiceContext) =>
  ctx.actor.type === 'user' ? ctx.actor.userId : ctx.actor.type === 'apiKey' ? ctx.actor.keyId : null;

/** Freezes the draft as the next numbered version and makes it live. */
export async function publishAgent(ctx: ServiceContext, agentId: string, note: string | null): Promise<AgentView> {
  assertCan(ctx, 'agents.write');
  await withTenant(ctx, async (tx) => {
    const row = await lockAgent(tx, ctx, agentId);
    await runPublishGuards(tx, ctx, row);
    const [{ next }] = (await tx.db
      .select({ next: sql<number>`coalesce(max(${agentVersions.version}), 0)::int + 1` })
      .from(agentVersions)
      .where(eq(agentVersions.agentId, agentId))) as [{ next: number }];
    await tx.db
      .insert(agentVersions)
      .values({ tenantId: ctx.tenantId, agentId, version: next, config: row.draft, note, createdBy: actorId(ctx) });
    await tx.db.update(agents).set({ publishedVersion: next, updatedAt: new Date() }).where(eq(agents.id, agentId));
    await recordAudit(tx, ctx, {
      action: 'agent.published',
      targetType: 'agent',
      targetId: agentId,
      before: { version: row.publishedVersion },
      after: { version: next, note },
    });
    await emit(tx, 'agent.published', { agentId, version: next, previousVersion: row.publishedVersion, note });
  });
  return getAgent(ctx, agentId);
}

/** Makes an earlier version live again, and the draft a copy of it. Versions never change. */
export async function rollbackAgent(ctx: ServiceContext, agentId: string, version: number): Promise<AgentView> {
  assertCan(ctx, 'agents.write');
  await withTenant(ctx, async (tx) => {
    const row = await lockAgent(tx, ctx, agentId);
    const [target] = await tx.db
      .select()
      .from(agentVersions)
      .where(and(eq(agentVersions.agentId, agentId), eq(agentVersions.version, version)));
    if (!target) throw new NotFoundError(`Version ${version}`);
    await assertSelectionInScope(tx, ctx, target.config.knowledge?.sourceIds ?? null);
    await tx.db
      .update(agents)
      .set({
        publishedVersion: version,
        draft: target.config,
        name: target.config.name,
        draftUpdatedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(agents.id, agentId));
    await recordAudit(tx, ctx, {
      action: 'agent.rolled_back',
      targetType: 'agent',
      targetId: agentId,
      before: { version: row.publishedVersion },
      after: { version },
    });
  });
  return getAgent(ctx, agentId);
}

export async function listVersions(ctx: ServiceContext, agentId: string): Promise<VersionSummary[]> {
  const agent = await getAgent(ctx, agentId);
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select({
        version: agentVersions.version,
        note: agentVersions.note,
        createdBy: agentVersions.createdBy,
        createdAt: agentVersions.createdAt,
      })
      .from(agentVersions)
      .where(eq(agentVersions.agentId, agentId))
      .orderBy(desc(agentVersions.version)),
  );
  return rows.map((r) => ({ ...r, live: r.version === agent.publishedVersion }));
}

export async function getVersion(
  ctx: ServiceContext,
  agentId: string,
  version: number,
): Promise<{ version: number; config: AgentConfig; note: string | null; createdAt: Date }> {
  assertCan(ctx, 'agents.read');
  assertAgentVisible(ctx, agentId);
  const [row] = await withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(agentVersions)
      .where(and(eq(agentVersions.agentId, agentId), eq(agentVersions.version, version))),
  );
  if (!row) throw new NotFoundError(`Version ${version} of this agent`);
  return { version: row.version, config: row.config, note: row.note, createdAt: row.createdAt };
}
