import { and, desc, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { emit } from '../../platform/events';
import { newId } from '../../platform/ids';
import { enqueue } from '../../platform/jobs';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { recordAudit } from '../audit';
import { runEvaluationJob } from './jobs';
import { agentOrThrow } from './manage-cases';
import { evaluationCases, evaluationRuns } from './schema';
import { runView } from './views';

const actorId = (ctx: ServiceContext) =>
  ctx.actor.type === 'user' ? ctx.actor.userId : ctx.actor.type === 'apiKey' ? ctx.actor.keyId : null;

/**
 * "Run evaluation": the draft as it is now and the live version answer every question of the
 * agent's set, in a background job; the run shows its progress and then its results.
 */
export async function startEvaluationRun(ctx: ServiceContext, agentId: string) {
  assertCan(ctx, 'agents.write');
  return withTenant(ctx, async (tx) => {
    const agent = await agentOrThrow(tx, ctx, agentId);
    const cases = await tx.db
      .select({ id: evaluationCases.id })
      .from(evaluationCases)
      .where(eq(evaluationCases.agentId, agentId));
    if (!cases.length) throw new ConflictError('Add a question to the evaluation set first.', 'evaluation_set_empty');
    const [row] = await tx.db
      .insert(evaluationRuns)
      .values({
        tenantId: ctx.tenantId,
        id: newId('evr'),
        agentId,
        draft: agent.draft,
        draftUpdatedAt: agent.draftUpdatedAt,
        liveVersion: agent.publishedVersion,
        total: cases.length,
        createdBy: actorId(ctx),
      })
      .returning();
    await enqueue(tx, runEvaluationJob, { tenantId: ctx.tenantId, runId: row!.id });
    await recordAudit(tx, ctx, {
      action: 'evaluation.run_started',
      targetType: 'agent',
      targetId: agentId,
      after: { runId: row!.id },
    });
    await emit(tx, 'evaluation.started', { agentId, runId: row!.id });
    return runView(row!);
  });
}

export async function listEvaluationRuns(ctx: ServiceContext, agentId: string) {
  assertCan(ctx, 'agents.read');
  return withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const rows = await tx.db
      .select()
      .from(evaluationRuns)
      .where(eq(evaluationRuns.agentId, agentId))
      .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
      .limit(50);
    return rows.map(runView);
  });
}

export async function getEvaluationRun(ctx: ServiceContext, agentId: string, runId: string) {
  assertCan(ctx, 'agents.read');
  return withTenant(ctx, async (tx) => {
    await agentOrThrow(tx, ctx, agentId);
    const [row] = await tx.db
      .select()
      .from(evaluationRuns)
      .where(and(eq(evaluationRuns.agentId, agentId), eq(evaluationRuns.id, runId)));
    if (!row) throw new NotFoundError('Evaluation run', 'not_found', { table: 'evaluation_runs', id: runId });
    return runView(row);
  });
}
