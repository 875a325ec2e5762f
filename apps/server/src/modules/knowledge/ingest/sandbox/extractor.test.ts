import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bigCsv, slowHtml } from '../../../../../test/support/fixtures/hostile';
import { makePdf } from '../../../../../test/support/fixtures/pdf';
import { sampleHtml } from '../../../../../test/support/fixtures/samples';
import { childProcesses } from '../../../../../test/support/processes';
import { IngestError } from '../errors';
import { prepareDocument, preparePage, type DocumentTask } from '../prepare';
import { Extractor, ExtractorStoppedError, type ExtractorOptions } from './extractor';

/**
 * The extraction sandbox as the pipeline uses it: a real child process (the child script
 * bundled from these sources), real documents, real limits.
 */
const started: Extractor[] = [];
const extractor = (options: Partial<ExtractorOptions> = {}) => {
  const made = new Extractor({ cpuSeconds: 30, memoryMb: 1024, ...options });
  started.push(made);
  return made;
};

/** The extraction process of this test process (there is at most one running at a time). */
function sandboxPid(): number | undefined {
  const pids = childProcesses(process.pid, 'extract-child');
  expect(pids.length).toBeLessThanOrEqual(1);
  return pids[0];
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function rejection(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const exited = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};
const gone = (pid: number) => expect(() => process.kill(pid, 0)).toThrow();

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.stop()));
});

/**
 * A stand-in for the child script where a test needs the child to misbehave exactly so:
 * "burn" waits for a "go" file, then spends CPU and answers past the limit (leaving a file
 * beside it when it starts and when it has answered); "oom" dies the way V8 does when its heap is full (the report, then a native
 * stack trace longer than the report); anything else is answered at once with its text.
 */
const FAKE_CHILD = `
import fs from 'node:fs';
const burn = (ms) => { const end = process.cpuUsage().user / 1000 + ms; while (process.cpuUsage().user / 1000 < end); };
const trace = Array.from({ length: 60 }, (_, i) => \` \${i}: 0x\${(0xd00000 + i).toString(16)} v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace) [/usr/bin/node]\`).join('\\n');
process.on('message', ({ id, task }) => {
  const text = Buffer.from(task.bytes).toString();
  if (text === 'burn') {
    fs.writeFileSync(new URL('./burning', import.meta.url), '');
    // Burns only once the server side is blocked (it writes "go" then), so the watchdog cannot
    // act before the answer is sent, however the machine schedules the two processes.
    const nap = new Int32Array(new SharedArrayBuffer(4));
    while (!fs.existsSync(new URL('./go', import.meta.url))) Atomics.wait(nap, 0, 0, 5);
    burn(1200);
    process.send({ id, type: 'done', result: { type: 'text', title: null, hash: 'burned' } });
    fs.writeFileSync(new URL('./answered', import.meta.url), '');
  } else if (text === 'oom') {
    process.stderr.write('FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\\n' + trace + '\\n');
    process.exit(134);
  } else process.send({ id, type: 'done', result: { type: 'text', title: null, hash: text } });
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
`;
let fakeDir: string;
let fakeChild: string;
beforeAll(() => {
  fakeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-extract-'));
  fakeChild = path.join(fakeDir, 'fake-extract-child.mjs');
  fs.writeFileSync(fakeChild, FAKE_CHILD);
});
afterAll(() => fs.rmSync(fakeDir, { recursive: true, force: true }));
const fake = (text: string): DocumentTask => ({
  kind: 'document',
  bytes: Buffer.from(text),
  declared: { filename: 'fake.txt' },
});

describe('the extraction sandbox', () => {
  it('reads a document exactly as in-process extraction does, chunks beyond one message batch included', async () => {
    const csv: DocumentTask = {
      kind: 'document',
      bytes: Buffer.from(bigCsv(8_000)),
      declared: { filename: 'rows.csv' },
    };
    const pdf: DocumentTask = {
      kind: 'document',
      bytes: makePdf([['# Manual', 'First page text.'], ['Second page, about refunds.']]),
      type: 'pdf',
    };
    const sandbox = extractor();
    for (const task of [csv, pdf]) {
      const [inChild, inProcess] = await Promise.all([sandbox.run(task), prepareDocument(task)]);
      expect(inChild).toEqual(inProcess);
    }
    expect((await prepareDocument(csv)).chunks.length).toBeGreaterThan(500);
    expect((await sandbox.run(pdf)).title).toBe('Manual');
  });

  it('reads a crawled page: its links and its chunks, as in-process', async () => {
    const page = `<!doctype html><html><head><title>Help</title></head><body><main><h1>Help</h1><p>${'Returns are free within 30 days. '.repeat(20)}</p>
      <a href="/shipping">Shipping</a> <a href="https://other.example/x">Elsewhere</a></main></body></html>`;
    const task = {
      kind: 'page' as const,
      bytes: Buffer.from(page),
      url: 'https://shop.example/help',
      userAgent: 'SwitchboardBot',
    };
    const result = await extractor().run(task);
    expect(result).toEqual(await preparePage(task));
    expect(result.links).toContain('https://shop.example/shipping');
    expect(result.document?.chunks.map((c) => c.text).join(' ')).toContain('Returns are free within 30 days.');
    const html = await extractor().run({ kind: 'document', bytes: Buffer.from(sampleHtml), type: 'html' });
    expect(html.chunks.length).toBeGreaterThan(0);
  });

  it('kills a task past its CPU time with the time sentence, and the next task runs in a fresh process', async () => {
    const sandbox = extractor({ cpuSeconds: 0.3 });
    const work = sandbox.run({
      kind: 'document',
      bytes: Buffer.from(bigCsv(100_000)),
      declared: { filename: 'rows.csv' },
    });
    await until(() => sandboxPid() !== undefined, 10_000);
    const first = sandboxPid()!;
    const error = await rejection(work);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ reason: 'over_limit' });
    expect(error.message).toBe(
      'Reading this document took longer than the limit of 0.3 s; it was stopped. Split it into smaller documents and add them separately.',
    );
    gone(first);

    const next = await sandbox.run({
      kind: 'document',
      bytes: Buffer.from('# Short\n\nA short note.'),
      declared: { filename: 'note.md' },
    });
    expect(next.chunks.map((c) => c.text).join(' ')).toContain('A short note.');
    expect(sandboxPid()).not.toBe(first);
  });

  it('kills a task past its memory with the memory sentence', async () => {
    const sandbox = extractor({ memoryMb: 150 });
    const error = await rejection(sandbox.run({ kind: 'document', bytes: Buffer.from(slowHtml(2_000)), type: 'html' }));
    expect(error).toMatchObject({ reason: 'over_limit' });
    expect(error.message).toBe(
      'Reading this document needed more than the limit of 150 MB of memory; it was stopped. Split it into smaller documents and add them separately.',
    );
  });

  it('stop() ends the running task with ExtractorStoppedError and kills its process', async () => {
    const sandbox = extractor();
    const work = sandbox.run({ kind: 'document', bytes: Buffer.from(slowHtml(2_000)), type: 'html' });
    await until(() => sandboxPid() !== undefined, 10_000);
    const pid = sandboxPid()!;
    const queued = rejection(
      sandbox.run({ kind: 'document', bytes: Buffer.from('queued'), declared: { filename: 'queued.txt' } }),
    );
    const running = rejection(work);
    await new Promise((r) => setTimeout(r, 300)); // reading, well short of the page's seconds
    await sandbox.stop();
    expect(await running).toBeInstanceOf(ExtractorStoppedError);
    expect(await queued).toBeInstanceOf(ExtractorStoppedError);
    gone(pid);
    expect(
      await rejection(
        sandbox.run({ kind: 'document', bytes: Buffer.from('late'), declared: { filename: 'late.txt' } }),
      ),
    ).toBeInstanceOf(ExtractorStoppedError);
  });

  it('ends an idle process after idleMs, and starts another for the next task', async () => {
    const sandbox = extractor({ idleMs: 300 });
    const task: DocumentTask = {
      kind: 'document',
      bytes: Buffer.from('Hello there.'),
      declared: { filename: 'hello.txt' },
    };
    await sandbox.run(task);
    const pid = sandboxPid()!;
    expect(pid).toBeDefined();
    await until(() => exited(pid), 5_000);
    gone(pid);
    expect((await sandbox.run(task)).chunks[0]?.text).toBe('Hello there.');
    expect(sandboxPid()).not.toBe(pid);
  });

  it('does not count the process start-up against the first task’s time', async () => {
    // Loading the parsers takes more than 0.1 s of CPU on its own: only the reading counts.
    const result = await extractor({ cpuSeconds: 0.1 }).run({
      kind: 'document',
      bytes: Buffer.from('A short note.'),
      declared: { filename: 'note.txt' },
    });
    expect(result.chunks.map((c) => c.text)).toEqual(['A short note.']);
  });

  it('recognises a V8 out-of-memory death whatever the length of the trace after it', async () => {
    const error = await rejection(extractor({ script: async () => fakeChild }).run(fake('oom')));
    expect(error).toMatchObject({ reason: 'over_limit' });
    expect(error.message).toMatch(/^Reading this document needed more than the limit of 1024 MB of memory/);
  });

  it('fails a task whose answer is read after the limit was met, and runs the next one in a fresh process', async () => {
    const sandbox = extractor({ cpuSeconds: 1, script: async () => fakeChild });
    const burning = rejection(sandbox.run(fake('burn')));
    const next = sandbox.run(fake('next')).then(
      (result) => result,
      (error: unknown) => error,
    );
    await until(() => fs.existsSync(path.join(fakeDir, 'burning')), 10_000);
    // This process is busy (blocked in a callback of the check phase) until the child has
    // crossed the limit and answered: the next loop turn runs the watchdog's timer (the
    // overrun) before it reads the answer, as a busy server would.
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        fs.writeFileSync(path.join(fakeDir, 'go'), '');
        const answered = path.join(fakeDir, 'answered');
        const deadline = Date.now() + 30_000;
        const nap = new Int32Array(new SharedArrayBuffer(4));
        while (!fs.existsSync(answered) && Date.now() < deadline) Atomics.wait(nap, 0, 0, 10);
        resolve();
      }),
    );
    expect(fs.existsSync(path.join(fakeDir, 'answered'))).toBe(true);
    expect(await next).toMatchObject({ hash: 'next', chunks: [] });
    const error = await burning;
    expect(error).toMatchObject({ reason: 'over_limit' });
    expect(error.message).toMatch(/^Reading this document took longer than the limit of 1 s/);
  }, 60_000);
});
