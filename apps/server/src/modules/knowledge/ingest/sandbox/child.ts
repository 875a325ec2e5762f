/**
 * The extraction process: reads, cleans and chunks documents sent by the server, one at a
 * time, so that parsing a hostile file costs this process's time and memory, never the
 * server's event loop. The server kills it when a task overruns; nothing here is trusted
 * to stop on its own.
 */
import { IngestError } from '../errors';
import { prepareDocument, preparePage, type PreparedDocument } from '../prepare';
import { CHUNK_BATCH, type ChildMessage, type TaskMessage, type WireError } from './protocol';

const send = (message: ChildMessage) =>
  new Promise<void>((resolve, reject) =>
    process.send!(message, undefined, undefined, (error) => (error ? reject(error) : resolve())),
  );

function wireError(error: unknown): WireError {
  if (error instanceof IngestError)
    return {
      reason: error.reason,
      message: error.message,
      ...(error.details && { details: error.details as Record<string, unknown> }),
    };
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { reason: 'over_limit', message: 'This document is nested too deeply to be read.' };
  }
  return { reason: 'unexpected', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

async function sendChunks(id: number, document: PreparedDocument): Promise<Omit<PreparedDocument, 'chunks'>> {
  const { chunks, ...rest } = document;
  for (let start = 0; start < chunks.length; start += CHUNK_BATCH)
    await send({ id, type: 'chunks', chunks: chunks.slice(start, start + CHUNK_BATCH) });
  return rest;
}

async function run({ id, task }: TaskMessage): Promise<void> {
  try {
    if (task.kind === 'page') {
      const { document, ...links } = await preparePage(task);
      await send({ id, type: 'done', result: { ...links, document: document && (await sendChunks(id, document)) } });
    } else {
      await send({ id, type: 'done', result: await sendChunks(id, await prepareDocument(task)) });
    }
  } catch (error) {
    await send({ id, type: 'error', error: wireError(error) });
  }
}

let queue = Promise.resolve();
process.on('message', (message: TaskMessage) => {
  queue = queue.then(() => run(message));
});
// The server gone (it crashed or was killed): nothing left to work for.
process.on('disconnect', () => process.exit(0));
// Not awaited: if the channel is already closed, 'disconnect' above ends this process.
void send({ type: 'ready' });
