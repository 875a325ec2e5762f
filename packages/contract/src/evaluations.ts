import { z } from './z';

// Evaluation sets: per agent, questions with the facts an answer must state or the source it
// must cite. A run answers each with the draft and the live version side by side, as tests
// (no conversation, no inbox, no mail, no usage), and an agent may refuse publishing below a score.

const fact = z.string().trim().min(1).max(300);

export const evaluationCaseInput = z
  .object({
    question: z.string().trim().min(2, 'Write a question').max(1000),
    /** Phrases that must all appear in the answer (case and accents ignored). */
    facts: z.array(fact).max(20).default([]),
    /** A knowledge source the answer must cite. */
    sourceId: z.string().min(1).max(60).nullable().default(null),
  })
  .strict()
  .refine((c) => c.facts.length > 0 || c.sourceId !== null, {
    message: 'Give at least one fact or a source the answer must cite',
    path: ['facts'],
  });

export const caseParams = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
  caseId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'caseId', in: 'path' } }),
});
export const runParams = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
  runId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'runId', in: 'path' } }),
});

export const EvaluationCaseSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    question: z.string(),
    facts: z.array(z.string()),
    sourceId: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('EvaluationCase');
export const EvaluationCaseResponse = z.object({ case: EvaluationCaseSchema });

export const evaluationSettingsInput = z
  .object({ blockPublishBelow: z.number().int().min(1).max(100).nullable() })
  .strict();
export const EvaluationSettingsSchema = z.object({
  /** Publishing is refused unless the draft's last run passed at least this share of questions (percent). */
  blockPublishBelow: z.number().int().nullable(),
});

export const EvaluationSetResponse = z.object({
  cases: z.array(EvaluationCaseSchema),
  settings: EvaluationSettingsSchema,
});

const SideResult = z.object({
  answer: z.string(),
  passed: z.boolean(),
  /** Facts the answer did not state. */
  missing: z.array(z.string()),
  /** The sources the answer cited. */
  cited: z.array(z.string()),
  error: z.string().nullable(),
});
export const EvaluationResultSchema = z
  .object({ caseId: z.string(), question: z.string(), draft: SideResult, live: SideResult.nullable() })
  .openapi('EvaluationResult');

export const EvaluationRunSchema = z
  .object({
    id: z.string(),
    agentId: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    /** The live version compared with the draft (null: never published). */
    liveVersion: z.number().int().nullable(),
    total: z.number().int(),
    completed: z.number().int(),
    draftPassed: z.number().int(),
    livePassed: z.number().int().nullable(),
    /** Percent of questions the draft passed (null until done). */
    draftScore: z.number().nullable(),
    liveScore: z.number().nullable(),
    results: z.array(EvaluationResultSchema),
    error: z.string().nullable(),
    createdAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .openapi('EvaluationRun');
export const EvaluationRunResponse = z.object({ run: EvaluationRunSchema });
export const EvaluationRunListResponse = z.object({ runs: z.array(EvaluationRunSchema) });
