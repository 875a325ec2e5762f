import type { ZodType } from 'zod';

export interface JobMeta {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

/**
 * A background job. Handlers must be idempotent: a job runs at least once, and again after
 * a crash mid-run, so each one checks or keys its effect (unique keys, state guards).
 */
export interface JobDefinition<T = unknown> {
  readonly name: string;
  readonly data: ZodType<T>;
  handler(data: T, meta: JobMeta): Promise<void>;
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  /** A run still active after this long is presumed dead and retried. */
  readonly expireInSeconds?: number;
  /**
   * Jobs a worker takes per fetch (default 1), run one after another: for many small jobs a
   * second (a fan-out per event), where one fetch per job would cap the rate at the polling's.
   * A failure retries the jobs of the fetch not yet done, so handlers stay idempotent.
   */
  readonly batchSize?: number;
  /** Cron (UTC) for recurring jobs, with the data each run gets. */
  readonly schedule?: { cron: string; data: T };
}

export function defineJob<T>(definition: JobDefinition<T>): JobDefinition<T> {
  if (!/^[a-z][a-z0-9._-]{1,60}$/.test(definition.name)) throw new Error(`Bad job name ${definition.name}`);
  return definition;
}
