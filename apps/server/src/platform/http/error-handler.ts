import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ValidationIssue } from '@switchboard/contract/errors';
import { ZodError } from 'zod';
import { isAppError, NotFoundError, type ErrorDetails } from '../errors';
import { noteForeignProbe } from './foreign-probe';
import type { AppEnv } from './env';

export interface ErrorEnvelope {
  error: { code: string; message: string; requestId: string; details?: ErrorDetails };
}

export function envelope(
  c: Context<AppEnv>,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details?: ErrorDetails,
): Response {
  const body: ErrorEnvelope = { error: { code, message, requestId: c.get('requestId') ?? 'unknown' } };
  if (details !== undefined) body.error.details = details;
  const extra = c.get('decorateError')?.({ status, code, details });
  if (extra?.fields) body.error = { ...extra.fields, ...body.error };
  for (const [name, value] of Object.entries(extra?.headers ?? {})) c.header(name, value);
  return c.json(body, status);
}

/** zod issues as `{ path, message }`: enough to fix the request, nothing internal. */
export function zodDetails(error: ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
}

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['bad_request', 'The request is not valid.'],
  401: ['unauthorized', 'Sign in or send a valid API key.'],
  403: ['forbidden', 'Your role does not allow this.'],
  404: ['not_found', 'Not found.'],
  405: ['method_not_allowed', 'This method is not allowed here.'],
  413: ['payload_too_large', 'The request body is too large.'],
  415: ['unsupported_media_type', 'Send the body as application/json.'],
  429: ['rate_limited', 'Too many requests; slow down.'],
};

/** The one place where failures become HTTP responses. 5xx bodies reveal nothing internal. */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (isAppError(error)) {
    if (error instanceof NotFoundError && error.probe) noteForeignProbe(c, error.probe);
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    if (error.status >= 500) c.get('log')?.error({ err: error }, 'service unavailable');
    return envelope(c, error.status as ContentfulStatusCode, error.code, error.message, error.details);
  }
  if (error instanceof ZodError)
    return envelope(c, 400, 'validation_failed', 'The request is not valid.', zodDetails(error));
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400 && /malformed json/i.test(error.message)) {
      return envelope(c, 400, 'invalid_json', 'The request body is not valid JSON.');
    }
    const known = HTTP_CODES[status];
    if (known && status < 500) return envelope(c, status as ContentfulStatusCode, known[0], known[1]);
  }
  c.get('log')?.error({ err: error }, 'unhandled error');
  return envelope(c, 500, 'internal_error', 'Something went wrong on our side. Quote the request id if you report it.');
}
