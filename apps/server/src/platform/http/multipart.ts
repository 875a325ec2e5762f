import type { Context } from 'hono';
import { ValidationError } from '../errors';
import { assertStorable } from './input-guard';

/** The multipart form of an upload route, with its file in `file` (400 with a clear code otherwise). */
export async function uploadedForm(c: Context): Promise<{ file: File; form: Record<string, unknown> }> {
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    throw new ValidationError(
      'Send the file as multipart/form-data, in a field named "file".',
      [{ path: 'file', message: 'Required' }],
      'file_required',
    );
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody();
  } catch {
    throw new ValidationError('The multipart body could not be read.', undefined, 'invalid_multipart');
  }
  if (!(form.file instanceof File))
    throw new ValidationError(
      'Add the file in a field named "file".',
      [{ path: 'file', message: 'Required' }],
      'file_required',
    );
  // The other fields and the file's name are stored as text: checked as validated input is.
  assertStorable({ ...form, file: form.file.name });
  return { file: form.file, form };
}
