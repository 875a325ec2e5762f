import path from 'node:path';
import { z } from 'zod';

/**
 * The environment, read once and validated. Every variable of the public contract
 * (DESIGN §7) lives here, so README's configuration table can be checked against it.
 */
const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    )
    .optional();

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  APP_URL: optionalUrl(['http:', 'https:']),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().trim().min(3).optional(),
  GOOGLE_CLIENT_ID: z.string().trim().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  GITHUB_CLIENT_ID: z.string().trim().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().trim().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Sign-in attempts per client address per minute (accounts lock separately after 5 failures). */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Bearer token for GET /metrics; unset, /metrics is not served at all. */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
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
  /** Widget calls per visitor per minute (messages, typing, uploads, reconnects). */
  WIDGET_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Widget calls per client address per minute (every visitor behind it together). */
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** New widget conversations per visitor per hour (the session's `create` / `fresh`). */
  WIDGET_CONVERSATION_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** New widget conversations per client address per hour, every visitor behind it together. */
  WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(60),
  /** Hand-off mails: the first goes at once, later ones wait and go together, one mail per member per this many seconds. */
  HANDOFF_MAIL_DIGEST_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** Messaging platforms' API addresses: set for a proxy, or a local peer in tests. */
  TELEGRAM_API_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'Use an http(s) address')
    .default('https://api.telegram.org'),
  META_GRAPH_API_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'Use an http(s) address')
    .default('https://graph.facebook.com'),
  SLACK_API_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'Use an http(s) address')
    .default('https://slack.com/api'),
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  VISITOR_REPLY_MAIL_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RESUME_LINK_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(168),
  /** Event streams (live events, streamed answers) open at once, per process: per visitor, member, API key and client address. */
  STREAM_LIMIT_PER_VISITOR: z.coerce.number().int().min(1).default(5),
  STREAM_LIMIT_PER_MEMBER: z.coerce.number().int().min(1).default(20),
  STREAM_LIMIT_PER_API_KEY: z.coerce.number().int().min(1).default(100),
  STREAM_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** Every event stream of this process together: past it new ones get 503 (the server stays up for everyone else). */
  STREAM_LIMIT_PER_PROCESS: z.coerce.number().int().min(1).default(10_000),
  /** Largest widget attachment any agent may allow (each agent sets its own limit below it). */
  WIDGET_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  /** Runs job handlers in the server process. `switchboard worker` runs them alone. */
  RUN_WORKER: bool.default(true),
  /** Platform model default for new agents, as provider:modelId (e.g. openai:gpt-4o-mini). */
  DEFAULT_MODEL: z
    .string()
    .regex(/^(openai|anthropic|google|openai-compatible):.+$/, 'must look like openai:gpt-4o-mini (provider:model)')
    .optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: optionalUrl(['http:', 'https:']),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: optionalUrl(['http:', 'https:']),
  GOOGLE_API_KEY: z.string().min(1).optional(),
  /** A platform OpenAI-compatible server (Ollama, vLLM, LM Studio, OpenRouter). */
  OPENAI_COMPATIBLE_BASE_URL: optionalUrl(['http:', 'https:']),
  OPENAI_COMPATIBLE_API_KEY: z.string().min(1).optional(),
  /** Embeddings (OpenAI-compatible API) for vector search; without them search is full-text. */
  EMBEDDING_MODEL: z.string().min(1).optional(),
  EMBEDDING_BASE_URL: optionalUrl(['http:', 'https:']),
  EMBEDDING_API_KEY: z.string().min(1).optional(),
  EMBEDDING_DIMENSIONS: z.coerce.number().int().min(8).max(4096).optional(),
  /**
   * Model prices (USD per million tokens) added to or replacing the built-in list, as JSON:
   * {"openai-compatible:llama3.1": {"input": 0.1, "output": 0.2}}. Unpriced models cost 0.
   */
  MODEL_PRICES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return {};
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON like {"gpt-4o": {"input": 2.5, "output": 10}}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string().min(1),
        z
          .object(
            { input: z.number().min(0), output: z.number().min(0) },
            { message: 'must give each model {"input": …, "output": …} in USD per million tokens' },
          )
          .strict(),
        { message: 'must be a JSON object of model → {"input", "output"}' },
      ),
    ),
  /** A Cohere/Jina-compatible rerank API (base URL without /rerank) reordering retrieved passages. */
  RERANK_BASE_URL: optionalUrl(['http:', 'https:']),
  RERANK_API_KEY: z.string().min(1).optional(),
  RERANK_MODEL: z.string().min(1).default('rerank-v3.5'),
  /** An S3-compatible bucket for uploaded files (AWS S3, R2, MinIO, Supabase Storage); unset: DATA_DIR/files. */
  S3_BUCKET: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name (3–63 lowercase letters, digits, dots, hyphens)',
    )
    .optional(),
  /** The S3 API address for non-AWS services (https://<account>.r2.cloudflarestorage.com, http://minio:9000). */
  S3_ENDPOINT: optionalUrl(['http:', 'https:']),
  S3_REGION: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, 'must be a region name like us-east-1 (auto for R2)')
    .default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style addresses (endpoint/bucket/key), which MinIO and most self-hosted services need. */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /** Prefix of every object key in the bucket (e.g. switchboard/). */
  S3_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9!_.*'()/-]*$/, "may hold letters, digits and !_.*'()/- only")
    .default(''),
  /**
   * Private ranges that user-supplied URLs may reach anyway (comma-separated CIDRs,
   * e.g. an intranet docs host). Everything private is refused by default.
   */
  EGRESS_ALLOW_CIDRS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'must be comma-separated CIDRs like 10.1.0.0/16'))),
});

export type Config = z.infer<typeof configSchema> & {
  /** Absolute data directory. */
  dataDir: string;
  /** Where users open the app: APP_URL or http://localhost:PORT. */
  appUrl: string;
  /** APP_URL or PORT was set; otherwise a process that serves nothing links to the address the last server served. */
  appUrlConfigured: boolean;
  dbMode: 'embedded' | 'postgres';
  /** The bucket for uploaded files, when S3_BUCKET is set. */
  s3: S3Settings | null;
};

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  prefix: string;
  /** Both or neither; neither: the AWS SDK's own chain (AWS_* variables, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The S3 variables make sense only together: a key without a bucket is a mistake worth stopping for. */
function s3Settings(value: z.infer<typeof configSchema>): S3Settings | null {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: keyId, S3_SECRET_ACCESS_KEY: secret } = value;
  if (!bucket) {
    const stray = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).find(
      (name) => value[name] !== undefined,
    );
    if (stray)
      throw new ConfigError(
        'S3_BUCKET',
        `must be set when ${stray} is (or unset ${stray} to keep files on local disk)`,
      );
    return null;
  }
  if (Boolean(keyId) !== Boolean(secret))
    throw new ConfigError(
      keyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'must be set together with the other S3 key variable',
    );
  return {
    bucket,
    region: value.S3_REGION,
    ...(value.S3_ENDPOINT && { endpoint: value.S3_ENDPOINT }),
    forcePathStyle: value.S3_FORCE_PATH_STYLE,
    prefix: value.S3_PREFIX,
    ...(keyId && secret && { credentials: { accessKeyId: keyId, secretAccessKey: secret } }),
  };
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as they do in most .env tooling. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, issue.message);
  }
  const value = parsed.data;
  const dataDir = path.resolve(value.DATA_DIR);
  const appUrl = (value.APP_URL ?? `http://localhost:${value.PORT}`).replace(/\/+$/, '');
  // PORT=0 (any free port) says nothing about where a running server is.
  const appUrlConfigured = Boolean(value.APP_URL) || (env.PORT !== undefined && env.PORT !== '' && value.PORT !== 0);
  return {
    ...value,
    dataDir,
    appUrl,
    appUrlConfigured,
    dbMode: value.DATABASE_URL ? 'postgres' : 'embedded',
    s3: s3Settings(value),
  };
}
