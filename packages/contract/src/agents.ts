import { idParam } from './common';
import { AGENT_STATUSES, ANSWER_MODES, DEFAULT_MIN_RELEVANCE, PROVIDERS, TONES, WIDGET_LANGUAGES } from './enums';
import { z } from './z';

export { AGENT_STATUSES, ANSWER_MODES, PROVIDERS, TONES };

/**
 * An agent's configuration: the draft is one of these, and each published version freezes
 * one. Defaults make a sensible agent from a name alone.
 */

export const modelChoice = z.object({
  provider: z.enum(PROVIDERS),
  modelId: z.string().trim().min(1).max(200),
  /** A workspace credential; null uses the platform's key for this provider. */
  credentialId: z
    .string()
    .regex(/^prv_[0-9a-z]{26}$/)
    .nullable()
    .default(null),
  temperature: z.number().min(0).max(2).default(0.3),
  maxTokens: z.number().int().min(16).max(16_000).default(800),
});

/** The agent's greeting, suggested questions and fallback in one language; a text left out falls back to the default. */
export const localizedTexts = z.object({
  greeting: z.string().trim().max(500).optional(),
  suggestedQuestions: z.array(z.string().trim().min(1).max(200)).max(6).optional(),
  fallback: z.string().trim().max(500).optional(),
});
export type LocalizedTexts = z.infer<typeof localizedTexts>;

/** The greeting a new agent gets: the engine has it in each widget language. */
export const DEFAULT_GREETING = 'Hi! How can I help you today?';

export const agentConfig = z.object({
  name: z.string().trim().min(1, 'Give the agent a name').max(80),
  avatarUrl: z.string().trim().url().max(500).nullable().default(null),
  instructions: z.string().max(8000).default(''),
  /**
   * The instructions are the business's secret: the model is told never to repeat them, and an
   * answer that reproduces a long span of them is replaced before it is sent or stored.
   */
  instructionsConfidential: z.boolean().default(false),
  tone: z.enum(TONES).default('friendly'),
  /**
   * BCP 47 primary language of answers and of full-text search; "auto" (a new agent's default)
   * follows the visitor's language. Agents saved with a language keep it.
   */
  language: z
    .string()
    .regex(/^(auto|[a-z]{2}(-[A-Z]{2})?)$/, 'Use a language code like en or pt-BR, or auto')
    .default('auto'),
  greeting: z.string().trim().max(500).default(DEFAULT_GREETING),
  suggestedQuestions: z.array(z.string().trim().min(1).max(200)).max(6).default([]),
  /** What the bot says when it finds nothing; empty: the built-in sentence in the visitor's language (which offers a person). */
  fallback: z.string().trim().max(500).default(''),
  /** The greeting, suggested questions and fallback per widget language, for visitors writing in it. */
  translations: z.partialRecord(z.enum(WIDGET_LANGUAGES), localizedTexts).default({}),
  /** null: no model — answers are composed from the knowledge (extractive). */
  model: modelChoice.nullable().default(null),
  fallbackModel: modelChoice.nullable().default(null),
  knowledge: z
    .object({
      /** Sources this agent answers from; null means every source of the workspace. */
      sourceIds: z
        .array(z.string().regex(/^src_[0-9a-z]{26}$/))
        .max(500)
        .nullable()
        .default(null),
      topK: z.number().int().min(1).max(20).default(5),
      /** Minimum relevance (0–1, the same scale for every question) of a passage to enter an answer. */
      minScore: z.number().min(0).max(1).default(DEFAULT_MIN_RELEVANCE),
    })
    .default({ sourceIds: null, topK: 5, minScore: DEFAULT_MIN_RELEVANCE }),
  tools: z
    .object({
      knowledgeSearch: z.boolean().default(true),
      handoff: z.boolean().default(true),
      captureLead: z.boolean().default(true),
      /** The workspace's custom actions this agent may call (see the actions guide). */
      actionIds: z
        .array(z.string().regex(/^act_[0-9a-z]{26}$/))
        .max(50)
        .default([]),
    })
    .default({ knowledgeSearch: true, handoff: true, captureLead: true, actionIds: [] }),
  handoff: z
    .object({
      keywords: z
        .array(z.string().trim().min(1).max(60))
        .max(50)
        .default(['human', 'agent', 'person', 'representative']),
      /** Hand off after this many answers in a row that found nothing (0: never). */
      maxUnanswered: z.number().int().min(0).max(10).default(2),
      onNegativeSentiment: z.boolean().default(true),
      vipOnly: z.boolean().default(false),
    })
    .default({
      keywords: ['human', 'agent', 'person', 'representative'],
      maxUnanswered: 2,
      onNegativeSentiment: true,
      vipOnly: false,
    }),
  /**
   * generative: the model answers from retrieved passages; extractive: answers are composed
   * from the passages without a model; hybrid: curated Q&A answers directly, the model for the
   * rest, extractive when no model is available.
   */
  answerMode: z.enum(ANSWER_MODES).default('hybrid'),
});

export type AgentConfig = z.infer<typeof agentConfig>;
export type ModelChoice = z.infer<typeof modelChoice>;

type Shape = typeof agentConfig.shape;
type PatchShape = { [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]> };

/**
 * A partial edit of the draft: any subset of fields; nested objects are replaced whole.
 * Built without the top-level defaults (zod's `.partial()` would still fill them in, so an
 * edit of one field would reset every other).
 */
export const agentConfigPatch = z.object(
  Object.fromEntries(
    Object.entries(agentConfig.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? field.unwrap() : field).optional(),
    ]),
  ) as unknown as PatchShape,
);

/** A new agent: a name, and any other field of the configuration (the rest defaults). */
export const createAgentInput = agentConfigPatch.extend({ name: agentConfig.shape.name });

// The API's shapes of agents. Dates are Date objects on the server and ISO strings in JSON.
export const AgentConfigSchema = agentConfig.openapi('AgentConfig');
export const AgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(AGENT_STATUSES),
    draft: AgentConfigSchema,
    publishedVersion: z.number().nullable(),
    published: AgentConfigSchema.nullable(),
    hasUnpublishedChanges: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('Agent');
export const AgentVersionSummarySchema = z
  .object({
    version: z.number(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    live: z.boolean(),
  })
  .openapi('AgentVersionSummary');
export const AgentVersionSchema = z.object({
  version: z.number(),
  config: AgentConfigSchema,
  note: z.string().nullable(),
  createdAt: z.date(),
});

export const agentVersionParam = idParam.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'version', in: 'path' } }),
});
export const publishAgentBody = z.object({ note: z.string().trim().max(500).nullish() }).strict();
export const rollbackAgentBody = z.object({ version: z.number().int().min(1) });
export const agentStatusBody = z.object({ status: z.enum(AGENT_STATUSES) });

export const AgentResponse = z.object({ agent: AgentSchema });
export const AgentListResponse = z.object({ agents: z.array(AgentSchema) });
export const AgentVersionListResponse = z.object({ versions: z.array(AgentVersionSummarySchema) });

export type AgentConfigPatch = z.input<typeof agentConfigPatch>;
export type CreateAgentInput = z.input<typeof createAgentInput>;
