import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { IngestError, type IngestFailure } from '../errors';
import type { PreparedChunk } from '../prepare';
import { extractionChildScript } from './entry';
import { processUsage } from './process-usage';
import type { ChildMessage, ExtractionResult, ExtractionTask, WireError } from './protocol';

export interface ExtractorOptions {
  /** CPU time one task may use before the process is killed. */
  cpuSeconds: number;
  /** Resident memory the process may reach before it is killed (its heap is capped below it). */
  memoryMb: number;
  /** An idle process exits after this long (it costs memory). Default 15 s. */
  idleMs?: number;
  /** Where the child's script is (tests may point elsewhere). */
  script?: () => Promise<string>;
  /** Told of a child's unexpected stderr or exit, for the log. */
  onProblem?: (detail: Record<string, unknown>, message: string) => void;
}

/** The server is stopping: the task was not the document's fault and should run again later. */
export class ExtractorStoppedError extends Error {
  constructor() {
    super('The extraction process was stopped because the server is shutting down.');
    this.name = 'ExtractorStoppedError';
  }
}

interface Pending {
  id: number;
  task: ExtractionTask;
  chunks: PreparedChunk[];
  resolve: (value: any) => void;
  reject: (error: Error) => void;
}

const WATCH_MS = 100;
/** A process that has not loaded its code by then is killed (the task fails as unreadable). */
const STARTUP_MS = 30_000;
/** What V8 writes to stderr when the heap is full (a native stack trace of varying length follows). */
const OUT_OF_MEMORY = /heap out of memory|allocation failed/i;
/** A niced process on a busy machine gets less than a core: wall time may run this far past CPU time. */
const WALL_FACTOR = 4;
const KNOWN_REASONS: readonly IngestFailure[] = [
  'unsupported_file',
  'archive_refused',
  'unreadable_file',
  'over_limit',
];

/**
 * Runs extraction tasks in a child process, one at a time, with a CPU-time and memory
 * limit per task: an overrun kills the process (SIGKILL, which works whatever it is busy
 * with) and fails that task with a sentence saying which limit it met. The process runs at a
 * lower scheduling priority than the server, is reused between tasks and exits when idle.
 */
export class Extractor {
  private child: ChildProcess | null = null;
  private current: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private stopped = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private killedFor: 'time' | 'memory' | null = null;
  private outOfMemory = false;
  private stderr = '';

  constructor(private readonly options: ExtractorOptions) {}

  run<T extends ExtractionTask>(task: T): Promise<ExtractionResult<T>> {
    if (this.stopped) return Promise.reject(new ExtractorStoppedError());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, chunks: [], resolve, reject });
      // pump() settles the task it takes, failures included: the caller awaits this promise instead.
      void this.pump();
    });
  }

  /** Kills the process; running and queued tasks fail with ExtractorStoppedError. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const pending of [this.current, ...this.queue.splice(0)]) pending?.reject(new ExtractorStoppedError());
    this.current = null;
    await this.kill();
  }

  private async pump(): Promise<void> {
    if (this.current || this.queue.length === 0 || this.stopped) return;
    const pending = this.queue.shift()!;
    this.current = pending;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      const child = this.child ?? (await this.spawn());
      if (this.stopped) return void (await this.kill());
      if (this.current !== pending) return;
      child.send({ id: pending.id, task: pending.task });
      this.watch(child, pending);
    } catch (error) {
      this.settle(pending, () => pending.reject(error as Error));
    }
  }

  private async spawn(): Promise<ChildProcess> {
    const script = await (this.options.script ?? extractionChildScript)();
    const heapMb = Math.max(64, Math.floor(this.options.memoryMb * 0.75));
    const child = fork(script, [], {
      execArgv: [`--max-old-space-size=${heapMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    // An idle extraction process never keeps the server's process alive.
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    this.killedFor = null;
    this.outOfMemory = false;
    this.stderr = '';
    try {
      if (child.pid) os.setPriority(child.pid, 10);
    } catch {
      // Not permitted here: it still runs, only at the server's priority.
    }
    child.stderr!.on('data', (data: Buffer) => {
      const text = this.stderr + data.toString();
      // Seen as it comes: only the tail is kept, and the trace after the report may be long.
      if (OUT_OF_MEMORY.test(text)) this.outOfMemory = true;
      this.stderr = text.slice(-2000);
    });
    child.on('message', (message: ChildMessage) => this.onMessage(message));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', (error) => this.options.onProblem?.({ err: error }, 'extraction process error'));
    await loaded(child);
    return child;
  }

  private watch(child: ChildProcess, pending: Pending): void {
    const startCpu = processUsage(child.pid!)?.cpuMs ?? 0;
    const started = Date.now();
    const { cpuSeconds, memoryMb } = this.options;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (this.current !== pending) return;
      const usage = processUsage(child.pid!);
      if (usage && usage.rssBytes > memoryMb * 1024 * 1024) this.killFor('memory');
      else if (
        (usage && usage.cpuMs - startCpu > cpuSeconds * 1000) ||
        Date.now() - started > cpuSeconds * 1000 * WALL_FACTOR
      )
        this.killFor('time');
    }, WATCH_MS);
    this.watchdog.unref();
  }

  private killFor(reason: 'time' | 'memory'): void {
    this.killedFor = reason;
    this.child?.kill('SIGKILL');
  }

  private onMessage(message: ChildMessage): void {
    const pending = this.current;
    // An answer read after the watchdog decided to kill (this process was busy meanwhile) is
    // dropped: the task met its limit, and settling it now would send the next task to the
    // dying process, failing that one with this one's sentence.
    if (message.type === 'ready' || !pending || this.killedFor || message.id !== pending.id) return;
    if (message.type === 'chunks') pending.chunks.push(...message.chunks);
    else if (message.type === 'error')
      this.settle(pending, () => pending.reject(fromWire(message.error, this.options)));
    else {
      const { result } = message;
      const withChunks =
        'links' in result
          ? { ...result, document: result.document && { ...result.document, chunks: pending.chunks } }
          : { ...result, chunks: pending.chunks };
      this.settle(pending, () => pending.resolve(withChunks));
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.watchdog) clearInterval(this.watchdog);
    const pending = this.current;
    if (!pending) return;
    const outOfMemory = this.killedFor === 'memory' || this.outOfMemory;
    const error =
      this.killedFor === 'time'
        ? new IngestError(
            'over_limit',
            `Reading this document took longer than the limit of ${this.options.cpuSeconds} s; it was stopped. Split it into smaller documents and add them separately.`,
          )
        : outOfMemory
          ? new IngestError(
              'over_limit',
              `Reading this document needed more than the limit of ${this.options.memoryMb} MB of memory; it was stopped. Split it into smaller documents and add them separately.`,
            )
          : new IngestError(
              'unreadable_file',
              'The document could not be read: the extraction process stopped unexpectedly.',
            );
    if (!this.killedFor)
      this.options.onProblem?.(
        { code, signal, stderr: this.stderr.slice(-500) },
        'extraction process exited during a task',
      );
    this.settle(pending, () => pending.reject(error));
  }

  private settle(pending: Pending, finish: () => void): void {
    if (this.current === pending) this.current = null;
    if (this.watchdog) clearInterval(this.watchdog);
    finish();
    // As in run(): pump() settles the next task itself.
    if (this.queue.length > 0) void this.pump();
    else this.scheduleIdleExit();
  }

  private scheduleIdleExit(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.kill(), this.options.idleMs ?? 15_000);
    this.idleTimer.unref();
  }

  private async kill(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    const child = this.child;
    if (!child) return;
    this.child = null;
    const exited = new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Resolves once the process has loaded its code (so that its start-up, slow on a busy
 * machine, counts against no task's limits) or has exited (then onExit fails the task).
 */
function loaded(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STARTUP_MS);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', done);
      resolve();
    };
    const onMessage = (message: ChildMessage) => message.type === 'ready' && done();
    child.on('message', onMessage);
    child.on('exit', done);
  });
}

function fromWire(error: WireError, options: ExtractorOptions): IngestError {
  if ((KNOWN_REASONS as readonly string[]).includes(error.reason))
    return new IngestError(error.reason as IngestFailure, error.message, error.details);
  options.onProblem?.({ detail: error.message }, 'extraction failed unexpectedly');
  return new IngestError('unreadable_file', 'The document could not be read.');
}
