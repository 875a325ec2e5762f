import { currentTransaction, type Tx } from '../tenancy/transaction';
import type { JobDefinition } from './define';
import type { JobQueue, SendOptions } from './queue';

export { defineJob, type JobDefinition, type JobMeta } from './define';
export type { SendOptions } from './queue';

let queue: JobQueue | null = null;

export function setJobQueue(value: JobQueue | null): void {
  queue = value;
}

function current(): JobQueue {
  if (!queue) throw new Error('The job queue is not started');
  return queue;
}

/** Enqueue in the caller's transaction: no commit, no job. */
export function enqueue<T>(tx: Tx, job: JobDefinition<T>, data: T, options?: SendOptions): Promise<string | null> {
  return current().enqueue(tx, job, data, options);
}

/** Enqueue outside a transaction (from a job or a route that changed nothing). */
export function sendJob<T>(job: JobDefinition<T>, data: T, options?: SendOptions): Promise<string | null> {
  const tx = currentTransaction();
  if (tx) return current().enqueue(tx, job, data, options);
  return current().send(job, data, options);
}
