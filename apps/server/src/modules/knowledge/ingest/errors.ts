import { ValidationError } from '../../../platform/errors';

/** `over_limit`: past one of the document caps (see limits.ts) or the extractor's time or memory. */
export type IngestFailure = 'unsupported_file' | 'archive_refused' | 'unreadable_file' | 'over_limit';

/**
 * A file that cannot be ingested, with a sentence the uploader can act on. A 400 when it
 * surfaces in a request; a job stores the message on the source.
 */
export class IngestError extends ValidationError {
  readonly reason: IngestFailure;

  constructor(reason: IngestFailure, message: string, details?: Record<string, unknown>) {
    super(message, details, reason);
    this.reason = reason;
  }
}
