import { DEFAULT_MIN_RELEVANCE, SOURCE_KINDS, SOURCE_STATUSES } from './enums';

export { DEFAULT_MIN_RELEVANCE };
import { z } from './z';

// Knowledge: sources (pages, websites, files, text), curated Q&A pairs, search, and the
// questions nobody could answer (gaps). Request schemas are what the services validate too.

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'Enter an http(s) address, like https://example.com/help');
const title = z.string().trim().min(1, 'Give it a title').max(200);
const syncIntervalHours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365)
  .nullable();
/** The language of the source's text: its words are stemmed for search in it ("auto": no stemming). */
export const sourceLanguage = z
  .string()
  .regex(/^(auto|[a-z]{2}(-[A-Z]{2})?)$/, 'Use a language code like en or pt-BR, or auto');

export const DEFAULT_MAX_PAGES = 50;
export const DEFAULT_MAX_DEPTH = 3;

export const createSourceInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('url'),
      url: httpUrl,
      title: title.optional(),
      language: sourceLanguage.optional(),
      syncIntervalHours: syncIntervalHours.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('website'),
      url: httpUrl,
      title: title.optional(),
      language: sourceLanguage.optional(),
      maxPages: z.number().int().min(1).max(10_000).optional(),
      maxDepth: z.number().int().min(0).max(10).optional(),
      syncIntervalHours: syncIntervalHours.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('text'),
      title,
      language: sourceLanguage.optional(),
      text: z.string().trim().min(1, 'Write some text').max(500_000),
    })
    .strict(),
]);

export const updateSourceInput = z
  .object({ title: title.optional(), syncIntervalHours: syncIntervalHours.optional() })
  .strict();

export const qaInput = z.object({
  question: z.string().trim().min(3, 'Write the question').max(1000),
  answer: z.string().trim().min(1, 'Write the answer').max(8000),
});

export const gapIdsInput = z.object({ gapIds: z.array(z.string().min(1).max(60)).min(1).max(500) }).strict();
export const answerGapsInput = gapIdsInput.extend(qaInput.shape).strict();

/** What retrieval takes (chat turns and the search route, whose body is derived from it). */
export const retrieveInput = z.object({
  query: z.string().trim().min(1, 'Ask something').max(2000),
  /**
   * Restrict to these sources; null or omitted: every source of the workspace. An agent names
   * at most 500 (the search route too); a key limited to several agents may reach more.
   */
  sourceIds: z.array(z.string()).max(10_000).nullish(),
  topK: z.number().int().min(1).max(50).default(5),
  /** Minimum relevance; 0 returns the best passages whatever their relevance. */
  minScore: z.number().min(0).max(1).default(0),
  tsConfig: z
    .string()
    .regex(/^[a-z_]+$/)
    .default('english'),
});

export const searchKnowledgeBody = retrieveInput.omit({ tsConfig: true }).extend({
  sourceIds: z.array(z.string()).max(500).nullish(),
  language: z
    .string()
    .regex(/^(auto|[a-z]{2}(-[A-Z]{2})?)$/)
    .default('en'),
});

export { SOURCE_KINDS, SOURCE_STATUSES };

export const SOURCE_SEARCH_MODES = ['semantic', 'embedding', 'keywords'] as const;
export const SourceSearchSchema = z
  .object({
    mode: z.enum(SOURCE_SEARCH_MODES).openapi({
      description:
        'semantic: every passage has a vector of the current embedding model (meaning and keywords); embedding: vectors are being made (embeddedChunks of chunkCount); keywords: full-text only, see reason',
    }),
    reason: z.enum(['off', 'language']).nullable().openapi({
      description:
        'Why keywords only: off (no embedding model: EMBEDDING_MODEL=none, or no pgvector), language (the model cannot read this language)',
    }),
    language: z.string().nullable().openapi({
      description: "The language detected in its text (ISO 639-1; 'und' when unclear); null until detected",
    }),
    embeddedChunks: z.number().int(),
    model: z
      .string()
      .nullable()
      .openapi({ description: 'The embedding model of its vectors (local:… for the built-in one)' }),
  })
  .openapi('KnowledgeSourceSearch');

export const KnowledgeSourceSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SOURCE_KINDS),
    title: z.string(),
    status: z.enum(SOURCE_STATUSES),
    stage: z.string().nullable().openapi({
      description: 'fetch, extract, chunk, embed, store while working (queued before a sync); null when idle',
    }),
    progress: z.number().int().min(0).max(100),
    error: z.string().nullable(),
    /** Failed, and a retry could succeed (false for a file with no text or that cannot be read). */
    retryable: z.boolean(),
    url: z.string().nullable(),
    file: z.object({ name: z.string(), size: z.number().int(), type: z.string() }).nullable(),
    chunkCount: z.number().int(),
    tokenCount: z.number().int(),
    searchConfig: z.string().openapi({
      description: 'The text-search configuration its text is indexed with (from the language given when it was added)',
    }),
    syncIntervalHours: z.number().int().nullable(),
    lastSyncedAt: z.date().nullable(),
    nextSyncAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    search: SourceSearchSchema,
  })
  .openapi('KnowledgeSource');
export const KnowledgeLimitsSchema = z
  .object({ maxUploadBytes: z.number().int(), maxCrawlPages: z.number().int() })
  .openapi('KnowledgeLimits');
export const KnowledgeGapGroupSchema = z
  .object({ representative: z.string(), count: z.number().int(), lastAskedAt: z.date(), gapIds: z.array(z.string()) })
  .openapi('KnowledgeGapGroup');
export const QaPairSchema = z
  .object({
    id: z.string(),
    sourceId: z.string(),
    question: z.string(),
    answer: z.string(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .openapi('QaPair');
export const PassageSchema = z
  .object({
    chunkId: z.string(),
    sourceId: z.string(),
    sourceTitle: z.string(),
    sourceKind: z.string(),
    text: z.string(),
    heading: z.string(),
    page: z.number().nullable(),
    anchor: z.string().nullable(),
    url: z.string().nullable(),
    score: z.number(),
    coverage: z.number(),
    similarity: z.number().nullable(),
    rerankScore: z.number().optional(),
    qa: z.object({ pairId: z.string(), question: z.string(), answer: z.string() }).nullable(),
  })
  .openapi('Passage');

/** The multipart body of a file upload (documented by hand: zod does not describe files). */
export const UPLOAD_FORM_SCHEMA = {
  type: 'object' as const,
  properties: {
    file: { type: 'string' as const, format: 'binary' },
    title: { type: 'string' as const, maxLength: 200 },
    language: { type: 'string' as const, description: 'Language of its text (en, es, pt-BR… or auto); en by default' },
  },
  required: ['file'],
};

export const SourceListResponse = z.object({ sources: z.array(KnowledgeSourceSchema), limits: KnowledgeLimitsSchema });
export const SourceResponse = z.object({ source: KnowledgeSourceSchema });
export const PassageListResponse = z.object({ passages: z.array(PassageSchema) });
export const QaPairListResponse = z.object({ pairs: z.array(QaPairSchema) });
export const QaPairResponse = z.object({ pair: QaPairSchema });
export const GapGroupListResponse = z.object({ groups: z.array(KnowledgeGapGroupSchema) });
export const GapsDismissedResponse = z.object({ dismissed: z.number().int() });

export type CreateSourceInput = z.input<typeof createSourceInput>;
export type UpdateSourceInput = z.input<typeof updateSourceInput>;
export type QaInput = z.input<typeof qaInput>;
export type SearchKnowledgeBody = z.input<typeof searchKnowledgeBody>;
