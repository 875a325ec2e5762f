/**
 * Typed errors thrown by services. One HTTP handler maps them to the error envelope
 * `{ error: { code, message, requestId, details? } }`; nothing else builds error bodies.
 */
export type ErrorDetails = Record<string, unknown> | unknown[];

export abstract class AppError extends Error {
  abstract readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails | undefined;
  readonly headers: Record<string, string> = {};

  constructor(code: string, message: string, details?: ErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  constructor(message = 'The request is not valid.', details?: ErrorDetails, code = 'validation_failed') {
    super(code, message, details);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  constructor(message = 'Sign in or send a valid API key.', code = 'unauthorized') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  constructor(message = 'Your role does not allow this.', code = 'forbidden', details?: ErrorDetails) {
    super(code, message, details);
  }
}

/** Also what another tenant's resource answers: its existence is not revealed. */
export class NotFoundError extends AppError {
  readonly status = 404;
  /** The table and id looked for, so a probe for another tenant's id can be logged. */
  readonly probe: { table: string; column: string; id: string } | undefined;
  constructor(what = 'Resource', code = 'not_found', probe?: { table: string; column?: string; id: string }) {
    super(code, `${what} not found.`);
    this.probe = probe ? { table: probe.table, column: probe.column ?? 'id', id: probe.id } : undefined;
  }
}

/** The request asks for a representation the route doesn't serve (an event stream without Accept). */
export class NotAcceptableError extends AppError {
  readonly status = 406;
  constructor(message: string, code = 'not_acceptable') {
    super(code, message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  constructor(message: string, code = 'conflict', details?: ErrorDetails) {
    super(code, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  constructor(limitBytes: number) {
    super('payload_too_large', `The request body is larger than ${limitBytes} bytes.`, { limitBytes });
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  constructor(expected = 'application/json') {
    super('unsupported_media_type', `Send the body as ${expected}.`, { expected });
  }
}

export class LimitExceededError extends AppError {
  readonly status = 429;
  constructor(message: string, retryAfterSeconds?: number, code = 'limit_exceeded', details?: Record<string, unknown>) {
    const merged = retryAfterSeconds === undefined ? details : { ...details, retryAfterSeconds };
    super(code, message, merged);
    if (retryAfterSeconds !== undefined) this.headers['Retry-After'] = String(retryAfterSeconds);
  }
}

export class UnavailableError extends AppError {
  readonly status = 503;
  constructor(message = 'The service is not available right now.', code = 'unavailable', details?: ErrorDetails) {
    super(code, message, details);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * A PostgreSQL unique violation (pg's error, or drizzle's wrapping it in `cause`): a
 * concurrent request won the race past a service's "does it exist?" check.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  return code === '23505';
}

/** Creating one more would pass the workspace plan's limit: an upgrade (or a deletion) lets it through. */
export class PlanLimitError extends AppError {
  readonly status = 402;
  constructor(limit: string, used: number, max: number, plan: string, what = limit) {
    super(
      'limit_exceeded',
      `Your plan (${plan}) allows ${max} ${what}; ${used} are in use. Upgrade the plan on the Billing page.`,
      { limit, used, max, plan },
    );
  }
}

/** The workspace plan does not include this feature. */
export class FeatureNotInPlanError extends AppError {
  readonly status = 403;
  constructor(feature: string, plan: string) {
    super(
      'feature_not_in_plan',
      `Your plan (${plan}) does not include ${feature}. Upgrade the plan on the Billing page.`,
      { feature, plan },
    );
  }
}
