import type { DocumentTask, PageTask, PreparedChunk, PreparedDocument, PreparedPage } from '../prepare';

/** What the server asks the extraction process for. */
export type ExtractionTask = DocumentTask | PageTask;

export type ExtractionResult<T extends ExtractionTask> = T extends PageTask ? PreparedPage : PreparedDocument;

export interface TaskMessage {
  id: number;
  task: ExtractionTask;
}

/** A serialised IngestError (or any other failure, as `unexpected`). */
export interface WireError {
  reason: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The child's answers: `ready` once its code is loaded (start-up is no task's time); per
 * task, chunks in batches so that neither side ever builds or parses one huge message on its
 * event loop, then one `done` with the rest of the result.
 */
export type ChildMessage =
  | { type: 'ready' }
  | { id: number; type: 'chunks'; chunks: PreparedChunk[] }
  | {
      id: number;
      type: 'done';
      result:
        | Omit<PreparedDocument, 'chunks'>
        | (Omit<PreparedPage, 'document'> & { document: Omit<PreparedDocument, 'chunks'> | null });
    }
  | { id: number; type: 'error'; error: WireError };

export const CHUNK_BATCH = 500;
