import { desc, eq } from 'drizzle-orm';
import { ConflictError } from '../../platform/errors';
import type { AgentRow, PublishGuard } from '../agents';
import { evaluationRuns, evaluationSettings } from './schema';
import { percent } from './scoring';

/**
 * "Block publish below N %": the draft goes live only when its last evaluation run finished,
 * tested the draft as it is now (not an earlier edit), and passed at least N % of the questions.
 */
export const evaluationGate: PublishGuard = async (tx, _ctx, agent: AgentRow) => {
  const [settings] = await tx.db.select().from(evaluationSettings).where(eq(evaluationSettings.agentId, agent.id));
  const threshold = settings?.blockPublishBelow ?? null;
  if (threshold === null) return;
  const [last] = await tx.db
    .select()
    .from(evaluationRuns)
    .where(eq(evaluationRuns.agentId, agent.id))
    .orderBy(desc(evaluationRuns.createdAt), desc(evaluationRuns.id))
    .limit(1);
  const details = { threshold, runId: last?.id ?? null };
  if (!last || last.status !== 'done' || last.draftUpdatedAt.getTime() !== agent.draftUpdatedAt.getTime()) {
    throw new ConflictError(
      `Publishing needs an evaluation of this draft passing at least ${threshold} %: run the evaluation first.`,
      'evaluation_required',
      details,
    );
  }
  const score = percent(last.draftPassed, last.total) ?? 0;
  if (score < threshold) {
    throw new ConflictError(
      `The draft passed ${score} % of the evaluation; publishing needs at least ${threshold} %.`,
      'evaluation_below_threshold',
      { ...details, score },
    );
  }
};
