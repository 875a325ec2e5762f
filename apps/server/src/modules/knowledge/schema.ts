import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

export type SourceKind = 'file' | 'url' | 'website' | 'text' | 'qa';
export type SourceStatus = 'pending' | 'processing' | 'ready' | 'failed';
/** An uploaded file: its original name is metadata only; it is stored under `storageKey`. */
export interface SourceFile {
  name: string;
  size: number;
  /** The detected document type (pdf, docx, …), not the declared one. */
  type: string;
  storageKey: string;
}

export const knowledgeSources = pgTable(
  'knowledge_sources',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    kind: text('kind', { enum: ['file', 'url', 'website', 'text', 'qa'] }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: ['pending', 'processing', 'ready', 'failed'] })
      .notNull()
      .default('pending'),
    stage: text('stage'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    /** The failure is the file's own (no text, unreadable): retrying the same bytes cannot fix it. */
    errorFinal: boolean('error_final').notNull().default(false),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    file: jsonb('file').$type<SourceFile | null>(),
    contentHash: text('content_hash'),
    chunkCount: integer('chunk_count').notNull().default(0),
    tokenCount: integer('token_count').notNull().default(0),
    tsConfig: text('ts_config').notNull().default('english'),
    /** Detected from the text (ISO 639-1, 'und' unclear); null until detected. See language.ts. */
    language: text('language'),
    syncIntervalHours: integer('sync_interval_hours'),
    lastSyncedAt: at('last_synced_at'),
    nextSyncAt: at('next_sync_at'),
    /** Runs started and not finished: a second one that dies fails the source for good. */
    unfinishedRuns: integer('unfinished_runs').notNull().default(0),
    /** Failed syncs in a row; past SYNC_PAUSE_AFTER the schedule pauses. */
    syncFailures: integer('sync_failures').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Columns read and written in SQL only: a generated tsvector, and a pgvector column that exists only where the server has pgvector. */
export const SQL_ONLY_COLUMNS = { knowledge_chunks: ['search', 'embedding'] } as const;

export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    sourceId: text('source_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    heading: text('heading').notNull().default(''),
    page: integer('page'),
    anchor: text('anchor'),
    url: text('url'),
    tokens: integer('tokens').notNull().default(0),
    contentHash: text('content_hash').notNull(),
    qaPairId: text('qa_pair_id'),
    tsConfig: text('ts_config').notNull().default('english'),
    embeddingModel: text('embedding_model'),
    /** The ingestion run that wrote it, until that run swaps its chunks in; null when live (searchable). */
    stagedBy: text('staged_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const qaPairs = pgTable(
  'qa_pairs',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    sourceId: text('source_id').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const knowledgeGaps = pgTable(
  'knowledge_gaps',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    agentId: text('agent_id'),
    question: text('question').notNull(),
    normalized: text('normalized').notNull(),
    conversationId: text('conversation_id'),
    status: text('status', { enum: ['open', 'answered', 'dismissed'] })
      .notNull()
      .default('open'),
    qaPairId: text('qa_pair_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type SourceRow = typeof knowledgeSources.$inferSelect;
export type QaPairRow = typeof qaPairs.$inferSelect;

/** Text-search configuration for a language code (PostgreSQL's built-in snowball configs). */
const TS_CONFIGS: Record<string, string> = {
  en: 'english',
  es: 'spanish',
  fr: 'french',
  de: 'german',
  pt: 'portuguese',
  it: 'italian',
  nl: 'dutch',
  sv: 'swedish',
  da: 'danish',
  no: 'norwegian',
  fi: 'finnish',
  ru: 'russian',
  tr: 'turkish',
  ar: 'arabic',
  hu: 'hungarian',
  ro: 'romanian',
  id: 'indonesian',
  ga: 'irish',
  lt: 'lithuanian',
  ne: 'nepali',
  ta: 'tamil',
  el: 'greek',
  ca: 'catalan',
  hy: 'armenian',
  eu: 'basque',
  hi: 'hindi',
  sr: 'serbian',
  yi: 'yiddish',
};

export function tsConfigFor(language: string | null | undefined): string {
  if (!language || language === 'auto') return 'simple';
  return TS_CONFIGS[language.slice(0, 2).toLowerCase()] ?? 'simple';
}
