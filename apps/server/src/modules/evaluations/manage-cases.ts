import { and, asc, eq } from 'drizzle-orm';
import { evaluationCaseInput, evaluationSettingsInput } from '@switchboard/contract/evaluations';
import type { z } from 'zod';
import { NotFoundError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { withTenant, type ServiceContext, type Tx } from '../../platform/tenancy';
import { assertCan } from '../access';
import { agents, assertAgentVisible } from '../agents';
import { recordAudit } from '../audit';
import { evaluationCases, evaluationSettings } from './schema';
import { caseView } from './views';

/** The agent, visible to the caller and in this workspace (another workspace's is a 404). */
export async function agentOrThrow(tx: Tx, ctx: ServiceContext, agentId: string) {
  assertAgentVisible(ctx, agentId);
  const [agent] = await tx.db.select().from(agents).where(eq(agents.id, agentId));
  if (!agent || agent.status === 'archived')
    throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
  return agent;
}

async function settingsOf(tx: Tx, agentId: string) {
  const [row] = await tx.db.select().from(evaluationSettings).where(eq(evaluationSettings.agentId, agentId));
  return { blockPublishBelow: row?.blockPublishBelow ?? null };
}

export async function getEvaluationSet(ctx: ServiceContext, agentId: string) {
  assertCan(ctx, 'agents.read');
  return withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const cases = await tx.db
      .select()
      .from(evaluationCases)
      .where(eq(evaluationCases.agentId, agentId))
      .orderBy(asc(evaluationCases.createdAt), asc(evaluationCases.id));
    return { cases: cases.map(caseView), settings: await settingsOf(tx, agentId) };
  });
}

export async function addEvaluationCase(
  ctx: ServiceContext,
  agentId: string,
  input: z.input<typeof evaluationCaseInput>,
) {
  assertCan(ctx, 'agents.write');
  const data = evaluationCaseInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const [row] = await tx.db
      .insert(evaluationCases)
      .values({
        tenantId: ctx.tenantId,
        id: newId('evc'),
        agentId,
        question: data.question,
        facts: data.facts,
        sourceId: data.sourceId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'evaluation.case_added',
      targetType: 'agent',
      targetId: agentId,
      after: { caseId: row!.id },
    });
    return caseView(row!);
  });
}

export async function deleteEvaluationCase(ctx: ServiceContext, agentId: string, caseId: string): Promise<void> {
  assertCan(ctx, 'agents.write');
  await withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const deleted = await tx.db
      .delete(evaluationCases)
      .where(and(eq(evaluationCases.agentId, agentId), eq(evaluationCases.id, caseId)))
      .returning({ id: evaluationCases.id });
    if (!deleted.length)
      throw new NotFoundError('Evaluation question', 'not_found', { table: 'evaluation_cases', id: caseId });
    await recordAudit(tx, ctx, {
      action: 'evaluation.case_deleted',
      targetType: 'agent',
      targetId: agentId,
      before: { caseId },
    });
  });
}

/** "Block publish below N %" (null: publishing never waits for an evaluation). */
export async function setEvaluationSettings(
  ctx: ServiceContext,
  agentId: string,
  input: z.input<typeof evaluationSettingsInput>,
) {
  assertCan(ctx, 'agents.write');
  const data = evaluationSettingsInput.parse(input);
  return withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const before = await settingsOf(tx, agentId);
    await tx.db
      .insert(evaluationSettings)
      .values({ tenantId: ctx.tenantId, agentId, blockPublishBelow: data.blockPublishBelow })
      .onConflictDoUpdate({
        target: [evaluationSettings.tenantId, evaluationSettings.agentId],
        set: { blockPublishBelow: data.blockPublishBelow, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'evaluation.settings_changed',
      targetType: 'agent',
      targetId: agentId,
      before,
      after: data,
    });
    return { blockPublishBelow: data.blockPublishBelow };
  });
}
