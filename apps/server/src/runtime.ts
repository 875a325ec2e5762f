import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { Redis } from 'ioredis';
import { createApp, startModules } from './app';
import { setAppUrl } from './platform/app-url';
import { lastServedUrl, recordServedUrl } from './platform/served-url';
import { configureEgress } from './platform/egress';
import { configureModelPrices } from './platform/llm';
import { createMailer, setMailer } from './platform/mail';
import { configureStorage, createFileStorage } from './platform/storage';
import { configurePlatformModels, platformModels } from './modules/providers';
import { ensureVectorIndex } from './platform/db/vector-index';
import { configureExtraction, configureReranker } from './modules/knowledge';
import { configureHandoffMail, configureVisitorMail } from './modules/inbox';
import { configureWebhooks, stopWebhookRunners } from './modules/webhooks';
import { configureResumeLinks } from './modules/widget';
import type { Config } from './platform/config';
import { createCipher, keyFingerprint, resolveSecretKey, setSecrets, type SecretKey } from './platform/crypto';
import { setDatabase } from './platform/db/current';
import { openDatabase, type Database } from './platform/db/database';
import { prepareDatabase } from './platform/db/prepare';
import { createMemoryBus, createRedisBus } from './platform/events/bus';
import { OutboxDrainer } from './platform/events/drainer';
import { setEventBus, setEventReactions } from './platform/events';
import { RealtimeHub, setRealtimeHub } from './platform/realtime';
import type { EventBus } from './platform/events/types';
import { answerClientError } from './platform/http/client-error';
import type { App } from './platform/http/env';
import { setJobQueue } from './platform/jobs';
import { JobQueue } from './platform/jobs/queue';
import { setRootLogger, type Logger } from './platform/log';
import { createMetrics, type Metrics } from './platform/metrics';
import { connectRedis } from './platform/redis';
import { onAfterCommitError } from './platform/tenancy/transaction';
import { withPlatform } from './platform/tenancy';
import { ProcessRegistry } from './platform/processes';
import { allJobs, allOrphanRecoveries, allReactions, migrations } from './registry';

export interface RuntimeOptions {
  /** Serve HTTP (start) or not (worker, migrate). */
  http: boolean;
  /** Run job handlers in this process. */
  work: boolean;
}

export interface Runtime {
  config: Config;
  log: Logger;
  secretKey: SecretKey;
  database: Database;
  redis: Redis | null;
  bus: EventBus;
  /** Fans committed and ephemeral events out to this process's realtime connections. */
  hub: RealtimeHub;
  jobs: JobQueue;
  drainer: OutboxDrainer;
  metrics: Metrics;
  app: App;
  /** The listening server and its port (PORT=0 picks a free one). */
  server: ServerType | null;
  port: number | null;
  stop(): Promise<void>;
}

export class SecretKeyMismatchError extends Error {
  constructor() {
    super(
      'SECRET_KEY does not match the key this database was set up with, so stored secrets could not be read. ' +
        'Restore the original SECRET_KEY (or DATA_DIR/secret.key) and start again.',
    );
    this.name = 'SecretKeyMismatchError';
  }
}

async function checkKeyFingerprint(key: SecretKey): Promise<void> {
  const fingerprint = keyFingerprint(key);
  const stored = await withPlatform(async (tx) => {
    const { rows } = await tx.query<{ value: string }>(
      `INSERT INTO platform_settings (key, value) VALUES ('secret_key_fingerprint', to_jsonb($1::text))
       ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING value #>> '{}' AS value`,
      [fingerprint],
    );
    return rows[0]!.value;
  });
  if (stored !== fingerprint) throw new SecretKeyMismatchError();
}

type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

async function listen(fetch: FetchHandler, config: Config): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.PORT, hostname: config.HOST }, (info) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
    server.on('clientError', answerClientError);
  });
}

/**
 * Boots the platform: secrets → database (+ migrations) → Redis → event bus → outbox
 * drainer → jobs → HTTP. Stops in the reverse order. Tests boot it the same way.
 */
export async function startRuntime(config: Config, log: Logger, options: RuntimeOptions): Promise<Runtime> {
  setAppUrl(config.appUrl);
  setRootLogger(log);
  const secretKey = resolveSecretKey(config.SECRET_KEY, config.dataDir);
  if (secretKey.source === 'generated') log.info({ file: `${config.dataDir}/secret.key` }, 'generated a secret key');
  setSecrets(secretKey, createCipher(secretKey));
  onAfterCommitError((error) => log.error({ err: error }, 'after-commit hook failed'));
  configurePlatformModels(config);
  configureModelPrices(config.MODEL_PRICES);
  configureEgress({ allowCidrs: config.EGRESS_ALLOW_CIDRS });
  configureHandoffMail({ digestSeconds: config.HANDOFF_MAIL_DIGEST_SECONDS });
  configureWebhooks({ endpointConcurrency: config.WEBHOOK_ENDPOINT_CONCURRENCY });
  configureVisitorMail({ delaySeconds: config.VISITOR_REPLY_MAIL_DELAY_SECONDS });
  configureResumeLinks({ ttlHours: config.RESUME_LINK_TTL_HOURS });
  configureReranker(
    config.RERANK_BASE_URL
      ? {
          baseURL: config.RERANK_BASE_URL,
          model: config.RERANK_MODEL,
          ...(config.RERANK_API_KEY && { apiKey: config.RERANK_API_KEY }),
        }
      : null,
  );
  const storage = await createFileStorage(config);
  configureStorage(storage);
  log.debug({ storage: storage.description }, 'file storage');
  setMailer(
    createMailer({
      smtpUrl: config.SMTP_URL,
      dataDir: config.dataDir,
      from: config.MAIL_FROM ?? 'Switchboard <no-reply@localhost>',
      log,
    }),
  );

  const database = await openDatabase({
    mode: config.dbMode,
    dataDir: config.dataDir,
    databaseUrl: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const cleanup: Array<() => Promise<unknown>> = [() => database.close()];
  const unwind = async () => {
    for (const step of cleanup.reverse())
      await step().catch((error) => log.warn({ err: error }, 'shutdown step failed'));
  };
  try {
    setDatabase(database);
    cleanup.push(async () => setDatabase(null));
    // The local embedding model's thread, if it was ever started.
    cleanup.push(async () => platformModels().embedder?.close());
    await prepareDatabase(database.pool, migrations, allJobs, log);
    await checkKeyFingerprint(secretKey);
    // Links from a process that serves nothing (a command, a worker) go where the server is.
    if (!options.http && !config.appUrlConfigured) {
      const served = await lastServedUrl();
      if (served) {
        config.appUrl = served;
        setAppUrl(served);
      }
    }
    const dimensions = platformModels().embedder?.dimensions;
    if (dimensions) await ensureVectorIndex(database.pool, dimensions, log);

    const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL, log) : null;
    if (redis) cleanup.push(() => redis.quit());
    const bus = config.REDIS_URL ? await createRedisBus(config.REDIS_URL, log) : createMemoryBus(log);
    setEventBus(bus);
    cleanup.push(async () => {
      setEventBus(null);
      await bus.close();
    });
    const hub = new RealtimeHub(bus);
    setRealtimeHub(hub);
    cleanup.push(async () => {
      setRealtimeHub(null);
      hub.close();
    });
    // A commit on this process wakes the drainer; the poll finds other processes' commits, and
    // an embedded database has no other process but a CLI command using its socket.
    const drainer = new OutboxDrainer(bus, log, database.mode === 'embedded' ? 5_000 : 500);
    drainer.start();
    cleanup.push(() => drainer.stop());

    const metrics = createMetrics();
    const jobs = new JobQueue(database.pool, allJobs, log, {
      observe: (queue, outcome) => metrics.jobsProcessed.inc({ queue, outcome }),
    });
    await jobs.start({ work: options.work, recoverOrphans: database.mode === 'embedded' && options.work });
    setJobQueue(jobs);
    setEventReactions(allReactions);
    metrics.setJobCounts(() => jobs.counts());
    cleanup.push(async () => {
      setEventReactions([]);
      stopWebhookRunners();
      setJobQueue(null);
      await jobs.stop();
    });
    // Stopped before the jobs (cleanup runs in reverse): a document being read is abandoned
    // at once, and its job runs again after the restart, instead of holding the shutdown.
    cleanup.push(
      configureExtraction({
        cpuSeconds: config.KNOWLEDGE_EXTRACT_CPU_SECONDS,
        memoryMb: config.KNOWLEDGE_EXTRACT_MEMORY_MB,
        maxChunksPerSource: config.KNOWLEDGE_MAX_CHUNKS_PER_SOURCE,
      }),
    );

    // A serving process answers chats: it registers, and what dead processes left streaming is
    // marked before the first request (with the embedded database, every earlier process is dead).
    if (options.http) {
      const processes = new ProcessRegistry(allOrphanRecoveries, log);
      await processes.start({ exclusive: database.mode === 'embedded' });
      cleanup.push(() => processes.stop());
    }

    // Listen first when serving: with PORT=0 the address (and so every link and the
    // origin better-auth trusts) is known only then. Requests before the app exists get 503.
    let app: App | null = null;
    let server: ServerType | null = null;
    let port: number | null = null;
    if (options.http) {
      // Node's connection details travel in `env` (client address); pass them on.
      ({ server, port } = await listen(
        (request, env) => (app ? app.fetch(request, env) : new Response('Starting', { status: 503 })),
        config,
      ));
      if (!config.APP_URL) config.appUrl = `http://localhost:${port}`;
      setAppUrl(config.appUrl);
      await recordServedUrl(config.appUrl);
      const listening = server;
      cleanup.push(
        () =>
          new Promise<void>((resolve) => {
            listening.close(() => resolve());
            (listening as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      );
    }
    const deps = { config, log, database, redis, metrics, secretKey, port };
    startModules(deps);
    app = createApp(deps);
    let stopped: Promise<void> | null = null;
    return {
      config,
      log,
      secretKey,
      database,
      redis,
      bus,
      hub,
      jobs,
      drainer,
      metrics,
      app,
      server,
      port,
      stop: () => (stopped ??= unwind()),
    };
  } catch (error) {
    await unwind();
    throw error;
  }
}
