import type { FieldValues, Path, Resolver, UseFormGetValues, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from './api';

/** What applyServerErrors needs of a form (useForm's answer has both). */
export interface ServerErrorTarget<Values extends FieldValues> {
  setError: UseFormSetError<Values>;
  getValues: UseFormGetValues<Values>;
}

/**
 * Puts a `validation_failed` answer's details (`[{ path, message }]`, paths dotted like
 * `leadForm.fields`) on the form's fields, the first one focused. Answers whether every detail
 * found its field: when not (another code, a path no field has, `(body)`), the caller shows the
 * failure as a whole, so nothing the server said is lost.
 */
export function applyServerErrors<Values extends FieldValues>(
  form: ServerErrorTarget<Values>,
  error: unknown,
): boolean {
  if (!(error instanceof ApiError) || !Array.isArray(error.details) || error.details.length === 0) return false;
  let placed = 0;
  for (const detail of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof detail.path !== 'string' || typeof detail.message !== 'string') continue;
    const name = fieldOf(form, detail.path);
    if (name === undefined) continue;
    form.setError(name, { type: 'server', message: detail.message }, { shouldFocus: placed === 0 });
    placed++;
  }
  return placed > 0 && placed === error.details.length;
}

/** The longest leading part of a dotted path that is a value of the form (`fields.0.label` → `fields` when only that is). */
function fieldOf<Values extends FieldValues>(form: ServerErrorTarget<Values>, path: string): Path<Values> | undefined {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('.') as Path<Values>;
    if (form.getValues(name) !== undefined) return name;
  }
  return undefined;
}

/**
 * A zod resolver whose schema (and zod itself) loads on the first validation, not with the
 * page: sign-in and sign-up are in the first script, which stays small. Validation runs on
 * submit, so the wait is one small chunk, once.
 */
export function lazyZodResolver<Values extends FieldValues, Output = Values>(
  load: () => Promise<z.ZodType<Output, Values>>,
): Resolver<Values, unknown, Output> {
  let resolver: Promise<Resolver<Values, unknown, Output>> | undefined;
  return async (values, context, options) => {
    resolver ??= Promise.all([load(), import('@hookform/resolvers/zod')]).then(
      ([schema, { zodResolver }]) => zodResolver(schema as never) as unknown as Resolver<Values, unknown, Output>,
      (failure: unknown) => {
        resolver = undefined; // a chunk that failed to load is tried again on the next submit
        throw failure;
      },
    );
    return (await resolver)(values, context, options);
  };
}
