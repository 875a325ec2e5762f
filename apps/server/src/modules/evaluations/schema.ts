import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { AgentConfig } from '@switchboard/contract/agents';
import type { z } from 'zod';
import type { EvaluationResultSchema } from '@switchboard/contract/evaluations';

const at = (name: string) => timestamp(name, { withTimezone: true });

export type EvaluationResult = z.infer<typeof EvaluationResultSchema>;

export const evaluationCases = pgTable(
  'evaluation_cases',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    agentId: text('agent_id').notNull(),
    question: text('question').notNull(),
    facts: jsonb('facts').$type<string[]>().notNull().default([]),
    sourceId: text('source_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const evaluationRuns = pgTable(
  'evaluation_runs',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    agentId: text('agent_id').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    /** The draft as it was when the run was asked for: the run tests exactly that. */
    draft: jsonb('draft').$type<AgentConfig>().notNull(),
    draftUpdatedAt: at('draft_updated_at').notNull(),
    liveVersion: integer('live_version'),
    total: integer('total').notNull().default(0),
    completed: integer('completed').notNull().default(0),
    draftPassed: integer('draft_passed').notNull().default(0),
    livePassed: integer('live_passed'),
    results: jsonb('results').$type<EvaluationResult[]>().notNull().default([]),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const evaluationSettings = pgTable(
  'evaluation_settings',
  {
    tenantId: text('tenant_id').notNull(),
    agentId: text('agent_id').notNull(),
    blockPublishBelow: integer('block_publish_below'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.agentId] })],
);

export type EvaluationRunRow = typeof evaluationRuns.$inferSelect;
export type EvaluationCaseRow = typeof evaluationCases.$inferSelect;
