import { ApiError } from './api';

/** Codes whose server message is not the most helpful thing to show a person. */
const FRIENDLY: Record<string, string> = {
  invalid_email_or_password: 'That email and password don’t match an account. Check them and try again.',
  email_not_verified:
    'Your email address isn’t verified yet. We’ve sent you a new verification link: open it to finish signing in.',
  last_owner:
    'A workspace needs at least one owner. Make someone else owner first (transfer ownership), then try again.',
  workspace_suspended: 'This workspace is suspended by the platform administrator. Contact them to have it reinstated.',
  confirmation_mismatch: 'The name you typed doesn’t match the workspace name.',
  invalid_password: 'That password is not right.',
  invalid_backup_code: 'That backup code is not right, or it was already used.',
  invalid_code: 'That code is not right. Codes change every 30 seconds: try the current one.',
  invalid_two_factor_cookie: 'Your sign-in took too long. Go back and sign in again.',
  password_too_short: 'That password is too short.',
  invalid_token: 'This link is invalid or has expired. Ask for a new one.',
  cannot_impersonate: 'Platform administrators cannot be impersonated.',
};

/** The sentence to show for a failure: a friendlier text for known codes, else the server's message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    // account_locked, rate_limited and invitation_email_mismatch carry the useful details (when, which address).
    return FRIENDLY[error.code] ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}

/** Field-level messages from a `validation_failed` envelope: `{ path, message }[]`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const item of error.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof item.path === 'string' && typeof item.message === 'string' && !out[item.path])
      out[item.path] = item.message;
  }
  return out;
}

export function isApiError(error: unknown, code: string): error is ApiError {
  return error instanceof ApiError && error.code === code;
}
