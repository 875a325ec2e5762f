import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  jobsProcessed: Counter<'queue' | 'outcome'>;
  /** Provides the job counts when scraped. */
  setJobCounts(source: () => Promise<Array<{ name: string; queued: number; active: number; deferred: number }>>): void;
}

/** A registry per runtime (not the global one), so tests can run several side by side. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  // The event-loop lag monitor samples with a timer: every 10 ms by default, which alone keeps
  // an idle server busy; lag worth alerting on is far longer than the coarser step.
  collectDefaultMetrics({ register: registry, prefix: 'switchboard_', eventLoopMonitoringPrecision: 100 });
  const httpDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request latency by matched route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobsProcessed = new Counter({
    name: 'switchboard_jobs_processed_total',
    help: 'Jobs finished by this process, by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [registry],
  });
  let source: Parameters<Metrics['setJobCounts']>[0] = async () => [];
  new Gauge({
    name: 'switchboard_jobs',
    help: 'Jobs in the queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of await source().catch(() => [])) {
        this.set({ queue: queue.name, state: 'queued' }, queue.queued);
        this.set({ queue: queue.name, state: 'active' }, queue.active);
        this.set({ queue: queue.name, state: 'deferred' }, queue.deferred);
      }
    },
  });
  return { registry, httpDuration, jobsProcessed, setJobCounts: (fn) => (source = fn) };
}
