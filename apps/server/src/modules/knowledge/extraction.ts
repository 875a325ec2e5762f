import { rootLogger } from '../../platform/log';
import type { DocumentLimits } from './ingest/limits';
import { Extractor, type ExtractorOptions } from './ingest/sandbox/extractor';

export interface ExtractionSettings extends Pick<ExtractorOptions, 'cpuSeconds' | 'memoryMb' | 'idleMs'> {
  /** Chunks one source may become in all (a site's pages together). */
  maxChunksPerSource: number;
}

const DEFAULTS: ExtractionSettings = { cpuSeconds: 60, memoryMb: 1024, maxChunksPerSource: 10_000 };

let settings: ExtractionSettings = DEFAULTS;
let current: Extractor | null = null;

const create = () =>
  new Extractor({
    cpuSeconds: settings.cpuSeconds,
    memoryMb: settings.memoryMb,
    ...(settings.idleMs !== undefined && { idleMs: settings.idleMs }),
    onProblem: (detail, message) => rootLogger().warn(detail, message),
  });

/**
 * Sets the extraction process's limits (start-up); returns the stop the runtime calls first
 * on shutdown, so a long extraction never holds the server's exit. A stopped extractor stays
 * current: a job that starts during the shutdown fails at once and runs again after it.
 */
export function configureExtraction(next: ExtractionSettings): () => Promise<void> {
  settings = next;
  const mine = create();
  current = mine;
  return () => mine.stop();
}

/** The process documents are read in (started on first use, with the configured limits). */
export function extractor(): Extractor {
  return (current ??= create());
}

/** The document caps a source is read under. */
export function documentLimits(): Partial<DocumentLimits> {
  return { maxChunks: settings.maxChunksPerSource };
}

export function maxChunksPerSource(): number {
  return settings.maxChunksPerSource;
}
