import { z } from 'zod';
import { optionalUrl } from './shapes';

/** Knowledge: uploads, crawling, extraction limits, embeddings and reranking. */
export const knowledgeShape = {
  /** Largest knowledge file upload (the one route allowed past BODY_LIMIT_BYTES). */
  KNOWLEDGE_MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /**
   * Upload caps per workspace plan, as JSON {"free": 5242880, "pro": 104857600} (bytes);
   * a plan without an entry gets KNOWLEDGE_MAX_UPLOAD_BYTES.
   */
  KNOWLEDGE_UPLOAD_LIMITS_BY_PLAN: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return {};
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"free": 5242880, "pro": 104857600}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(z.string().min(1), z.number().int().min(1024, 'must be at least 1024 bytes'), {
        message: 'must be a JSON object of plan → bytes',
      }),
    ),
  /** Most pages one website source may crawl (its maxPages is capped here). */
  KNOWLEDGE_MAX_CRAWL_PAGES: z.coerce.number().int().min(1).max(10_000).default(500),
  /** CPU time one document may take to read in the extraction process before it is killed. */
  KNOWLEDGE_EXTRACT_CPU_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  /** Memory the extraction process may use before it is killed, MB. */
  KNOWLEDGE_EXTRACT_MEMORY_MB: z.coerce.number().int().min(128).max(65_536).default(1024),
  /** Passages (chunks) one source may become; a site's pages count together. */
  KNOWLEDGE_MAX_CHUNKS_PER_SOURCE: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Embeddings (OpenAI-compatible API) for vector search; without them search is full-text. */
  EMBEDDING_MODEL: z.string().min(1).optional(),
  EMBEDDING_BASE_URL: optionalUrl(['http:', 'https:']),
  EMBEDDING_API_KEY: z.string().min(1).optional(),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(8).max(4096).optional(),
  /** A Cohere/Jina-compatible rerank API (base URL without /rerank) reordering retrieved passages. */
  RERANK_BASE_URL: optionalUrl(['http:', 'https:']),
  RERANK_API_KEY: z.string().min(1).optional(),
  RERANK_MODEL: z.string().min(1).default('rerank-v3.5'),
};
