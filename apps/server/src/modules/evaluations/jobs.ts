import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { emit } from '../../platform/events';
import { defineJob } from '../../platform/jobs/define';
import { rootLogger } from '../../platform/log';
import { systemContext, withTenant, type ServiceContext } from '../../platform/tenancy';
import { agentVersions, type AgentConfig } from '../agents';
import { testAnswer } from '../chat';
import { evaluationCases, evaluationRuns, type EvaluationCaseRow, type EvaluationResult } from './schema';
import { scoreAnswer, type SideResult } from './scoring';

async function answerCase(
  ctx: ServiceContext,
  agentId: string,
  config: AgentConfig,
  item: EvaluationCaseRow,
): Promise<SideResult> {
  try {
    const result = await testAnswer(ctx, { agentId, config, question: item.question });
    return scoreAnswer(item, {
      content: result.content,
      citations: result.citations,
      error: result.status === 'error' ? (result.error ?? 'The answer failed.') : null,
    });
  } catch (error) {
    return scoreAnswer(item, { content: '', citations: [], error: (error as Error).message });
  }
}

/**
 * One run: each question answered by the draft snapshot and the live version, the run's row
 * updated after each (its progress). A retry after a crash starts over from the first question
 * (results are replaced, never added twice); a run already finished is left alone.
 */
export async function executeEvaluationRun(tenantId: string, runId: string): Promise<void> {
  const ctx = systemContext(tenantId, 'evaluations.run');
  const run = await withTenant(ctx, async (tx) => {
    const [row] = await tx.db.select().from(evaluationRuns).where(eq(evaluationRuns.id, runId)).for('update');
    if (!row || row.status === 'done' || row.status === 'failed') return null;
    await tx.db
      .update(evaluationRuns)
      .set({
        status: 'running',
        completed: 0,
        draftPassed: 0,
        livePassed: row.liveVersion === null ? null : 0,
        results: [],
      })
      .where(eq(evaluationRuns.id, runId));
    const cases = await tx.db
      .select()
      .from(evaluationCases)
      .where(eq(evaluationCases.agentId, row.agentId))
      .orderBy(asc(evaluationCases.createdAt), asc(evaluationCases.id));
    const [live] =
      row.liveVersion === null
        ? []
        : await tx.db
            .select({ config: agentVersions.config })
            .from(agentVersions)
            .where(and(eq(agentVersions.agentId, row.agentId), eq(agentVersions.version, row.liveVersion)));
    return { row, cases, live: live?.config ?? null };
  });
  if (!run) return;
  try {
    const results: EvaluationResult[] = [];
    for (const item of run.cases) {
      // No transaction is held across the answers: they may call a model.
      const draft = await answerCase(ctx, run.row.agentId, run.row.draft, item);
      const live = run.live ? await answerCase(ctx, run.row.agentId, run.live, item) : null;
      results.push({ caseId: item.id, question: item.question, draft, live });
      await withTenant(ctx, (tx) =>
        tx.db
          .update(evaluationRuns)
          .set({
            total: run.cases.length,
            completed: results.length,
            draftPassed: results.filter((r) => r.draft.passed).length,
            livePassed: run.live ? results.filter((r) => r.live?.passed).length : null,
            results: sql`${JSON.stringify(results)}::jsonb`,
          })
          .where(eq(evaluationRuns.id, runId)),
      );
    }
    await withTenant(ctx, async (tx) => {
      await tx.db
        .update(evaluationRuns)
        .set({ status: 'done', finishedAt: new Date() })
        .where(eq(evaluationRuns.id, runId));
      await emit(tx, 'evaluation.finished', {
        agentId: run.row.agentId,
        runId,
        total: results.length,
        draftPassed: results.filter((r) => r.draft.passed).length,
      });
    });
  } catch (error) {
    rootLogger().error({ err: error, runId }, 'evaluation run failed');
    await withTenant(ctx, (tx) =>
      tx.db
        .update(evaluationRuns)
        .set({ status: 'failed', error: 'The evaluation could not be completed.', finishedAt: new Date() })
        .where(eq(evaluationRuns.id, runId)),
    );
  }
}

export const runEvaluationJob = defineJob({
  name: 'evaluations.run',
  data: z.object({ tenantId: z.string().regex(/^ten_[0-9a-z]{26}$/), runId: z.string().regex(/^evr_[0-9a-z]{26}$/) }),
  retryLimit: 2,
  retryDelaySeconds: 5,
  expireInSeconds: 60 * 60,
  async handler({ tenantId, runId }) {
    await executeEvaluationRun(tenantId, runId);
  },
});
