import { sourceLanguage } from '@switchboard/contract/knowledge';
import { z } from 'zod';
import { PayloadTooLargeError, UnavailableError, ValidationError } from '../../platform/errors';
import { rootLogger } from '../../platform/log';
import { newId } from '../../platform/ids';
import { fileStorage, newStorageKey } from '../../platform/storage';
import type { ServiceContext } from '../../platform/tenancy';
import { detectType, IngestError } from './ingest';
import { tsConfigFor } from './schema';
import { assertMayAddSources, insertSource, type SourceView } from './sources';

export interface UploadInput {
  bytes: Uint8Array;
  /** The uploader's file name: kept as metadata, never used as a path. */
  filename: string;
  /** The declared Content-Type: a hint only, the content decides. */
  declaredType?: string;
  title?: string;
  /** The language of its text (see sourceLanguage); English when omitted. */
  language?: string;
}

const uploadMeta = z.object({
  // Path separators and control characters out of a name that is only ever displayed.
  filename: z
    .string()
    .trim()
    .max(255)
    // eslint-disable-next-line no-control-regex
    .transform((name) => name.replace(/[\\/\u0000-\u001f]/g, '_') || 'upload'),
  title: z.string().trim().min(1).max(200).optional(),
  language: sourceLanguage.default('en'),
});

export function fileTooLarge(maxBytes: number): PayloadTooLargeError {
  const error = new PayloadTooLargeError(maxBytes);
  error.message = `The file is larger than the upload limit of ${Math.floor(maxBytes / 1024 / 1024) || maxBytes} ${maxBytes >= 1024 * 1024 ? 'MiB' : 'bytes'}.`;
  return error;
}

/**
 * An uploaded file: its type detected from its content (a declared .pdf that is an
 * executable is refused here, with a sentence saying why), stored under a generated key,
 * then ingested by the job.
 */
export async function createFileSource(
  ctx: ServiceContext,
  input: UploadInput,
  limits: { maxUploadBytes: number },
): Promise<SourceView> {
  await assertMayAddSources(ctx);
  const meta = uploadMeta.parse({
    filename: input.filename,
    title: input.title || undefined,
    language: input.language || undefined,
  });
  if (input.bytes.length > limits.maxUploadBytes) throw fileTooLarge(limits.maxUploadBytes);
  let type: string;
  try {
    type = detectType(input.bytes, {
      filename: meta.filename,
      ...(input.declaredType ? { contentType: input.declaredType } : {}),
    });
  } catch (error) {
    if (error instanceof IngestError && error.reason === 'unsupported_file')
      throw new ValidationError(error.message, error.details, 'unsupported_file_type');
    throw error;
  }
  const id = newId('src');
  const storageKey = newStorageKey(ctx.tenantId, id);
  try {
    await fileStorage().put(storageKey, input.bytes);
  } catch (error) {
    rootLogger().error({ err: error, requestId: ctx.requestId }, 'file storage write failed');
    throw new UnavailableError('The file could not be stored just now. Try again in a moment.', 'storage_unavailable');
  }
  try {
    return await insertSource(ctx, {
      id,
      kind: 'file',
      title: meta.title ?? meta.filename,
      config: {},
      file: { name: meta.filename, size: input.bytes.length, type, storageKey },
      syncIntervalHours: null,
      tsConfig: tsConfigFor(meta.language),
    });
  } catch (error) {
    await fileStorage()
      .delete(storageKey)
      .catch(() => undefined);
    throw error;
  }
}
