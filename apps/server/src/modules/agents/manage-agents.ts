import { and, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { assertActionsExist } from '../actions';
import { recordAudit } from '../audit';
import { assertAgentVisible, visibleAgentFilter } from './access';
import {
  agentConfig,
  agentConfigPatch,
  createAgentInput,
  type AgentConfig,
  type ModelChoice,
} from '@switchboard/contract/agents';
import { assertMayCreateAgent, assertSelectionInScope } from './knowledge-scope';
import { agents, agentVersions, type AgentRow } from './schema';
import { assertWithinLimit } from '../plans';

export interface AgentView {
  id: string;
  name: string;
  status: AgentRow['status'];
  draft: AgentConfig;
  publishedVersion: number | null;
  published: AgentConfig | null;
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The model new agents get when none is chosen (the platform default, set by the providers module). */
let defaultModel: () => ModelChoice | null = () => null;

export function setDefaultAgentModel(fn: () => ModelChoice | null): void {
  defaultModel = fn;
}

function parseConfig(value: unknown): AgentConfig {
  const parsed = agentConfig.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(
      'The agent configuration is not valid.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return parsed.data;
}

async function view(tx: Tx, row: AgentRow): Promise<AgentView> {
  let published: AgentConfig | null = null;
  if (row.publishedVersion !== null) {
    const [version] = await tx.db
      .select({ config: agentVersions.config })
      .from(agentVersions)
      .where(and(eq(agentVersions.agentId, row.id), eq(agentVersions.version, row.publishedVersion)));
    published = version?.config ?? null;
  }
  return toView(row, published);
}

function toView(row: AgentRow, published: AgentConfig | null): AgentView {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    draft: row.draft,
    publishedVersion: row.publishedVersion,
    published,
    hasUnpublishedChanges: JSON.stringify(published) !== JSON.stringify(row.draft),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Agents with their published configuration, in one statement (a list is one round trip, not one per agent). */
function selectWithPublished(tx: Tx) {
  return tx.db
    .select({ row: agents, published: agentVersions.config })
    .from(agents)
    .leftJoin(
      agentVersions,
      and(eq(agentVersions.agentId, agents.id), eq(agentVersions.version, agents.publishedVersion)),
    );
}

export async function lockAgent(tx: Tx, ctx: ServiceContext, agentId: string): Promise<AgentRow> {
  assertAgentVisible(ctx, agentId);
  const [row] = await tx.db
    .select()
    .from(agents)
    .where(and(eq(agents.id, agentId), ne(agents.status, 'archived')))
    .for('update');
  if (!row) throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
  return row;
}

const actorId = (ctx: ServiceContext) =>
  ctx.actor.type === 'user' ? ctx.actor.userId : ctx.actor.type === 'apiKey' ? ctx.actor.keyId : null;

/** A new agent, published as version 1 so that it can answer at once. */
export async function createAgent(ctx: ServiceContext, input: z.input<typeof createAgentInput>): Promise<AgentView> {
  assertCan(ctx, 'agents.write');
  assertMayCreateAgent(ctx);
  const data = createAgentInput.parse(input);
  // Zod fills in defaults for absent fields, so "no model chosen" is read from the raw input.
  const config = parseConfig(
    (input as { model?: unknown }).model === undefined ? { ...data, model: defaultModel() } : data,
  );
  const id = newId('agt');
  return withTenant(ctx, async (tx) => {
    await assertActionsExist(tx, config.tools.actionIds);
    await assertWithinLimit(tx, ctx, 'agents');
    const [row] = await tx.db
      .insert(agents)
      .values({
        tenantId: ctx.tenantId,
        id,
        name: config.name,
        draft: config,
        publishedVersion: 1,
        createdBy: actorId(ctx),
      })
      .returning();
    await tx.db
      .insert(agentVersions)
      .values({ tenantId: ctx.tenantId, agentId: id, version: 1, config, note: 'Created', createdBy: actorId(ctx) });
    await recordAudit(tx, ctx, {
      action: 'agent.created',
      targetType: 'agent',
      targetId: id,
      after: { name: config.name },
    });
    return view(tx, row!);
  });
}

export async function listAgents(
  ctx: ServiceContext,
  options: { includeArchived?: boolean } = {},
): Promise<AgentView[]> {
  assertCan(ctx, 'agents.read');
  const only = visibleAgentFilter(ctx);
  const where: SQL[] = [];
  if (!options.includeArchived) where.push(ne(agents.status, 'archived'));
  if (only) where.push(only.length ? inArray(agents.id, [...only]) : eq(agents.id, ''));
  return withTenant(ctx, async (tx) => {
    const rows = await selectWithPublished(tx)
      .where(and(...where))
      .orderBy(desc(agents.createdAt));
    return rows.map(({ row, published }) => toView(row, published));
  });
}

export async function getAgent(ctx: ServiceContext, agentId: string): Promise<AgentView> {
  assertCan(ctx, 'agents.read');
  assertAgentVisible(ctx, agentId);
  return withTenant(ctx, async (tx) => {
    const [found] = await selectWithPublished(tx).where(eq(agents.id, agentId));
    if (!found) throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
    return toView(found.row, found.published);
  });
}

/** Edits change the draft only; conversations keep using the published version. */
export async function updateAgentDraft(
  ctx: ServiceContext,
  agentId: string,
  patch: z.input<typeof agentConfigPatch>,
): Promise<AgentView> {
  assertCan(ctx, 'agents.write');
  const changes = agentConfigPatch.parse(patch);
  return withTenant(ctx, async (tx) => {
    const row = await lockAgent(tx, ctx, agentId);
    const draft = parseConfig({ ...row.draft, ...changes });
    if (changes.knowledge) await assertSelectionInScope(tx, ctx, draft.knowledge.sourceIds);
    if (changes.tools) await assertActionsExist(tx, draft.tools.actionIds);
    const changed = Object.keys(changes).filter(
      (k) => JSON.stringify(row.draft[k as keyof AgentConfig]) !== JSON.stringify(draft[k as keyof AgentConfig]),
    );
    const [updated] = await tx.db
      .update(agents)
      .set({ draft, name: draft.name, draftUpdatedAt: new Date(), updatedAt: new Date() })
      .where(eq(agents.id, agentId))
      .returning();
    if (changed.length) {
      await recordAudit(tx, ctx, {
        action: 'agent.draft_updated',
        targetType: 'agent',
        targetId: agentId,
        before: Object.fromEntries(changed.map((k) => [k, row.draft[k as keyof AgentConfig]])),
        after: Object.fromEntries(changed.map((k) => [k, draft[k as keyof AgentConfig]])),
      });
    }
    return view(tx, updated!);
  });
}

export async function setAgentStatus(
  ctx: ServiceContext,
  agentId: string,
  status: 'active' | 'paused' | 'archived',
): Promise<AgentView> {
  assertCan(ctx, 'agents.write');
  return withTenant(ctx, async (tx) => {
    const row = await lockAgent(tx, ctx, agentId);
    const [updated] = await tx.db
      .update(agents)
      .set({ status, updatedAt: new Date() })
      .where(eq(agents.id, agentId))
      .returning();
    await recordAudit(tx, ctx, {
      action: `agent.${status === 'archived' ? 'archived' : 'status_changed'}`,
      targetType: 'agent',
      targetId: agentId,
      before: { status: row.status },
      after: { status },
    });
    return view(tx, updated!);
  });
}
