import type { Redis } from 'ioredis';
import { LimitExceededError, ValidationError } from '../../../platform/errors';
import { createRateLimiter } from '../../../platform/ratelimit';
import { reportSecurityEvent } from '../../../platform/security-events';

const LOCK_AFTER_FAILURES = 5;
const LOCK_SECONDS = 15 * 60;

/**
 * The account a sign-in is for, read from the very bytes the auth library will parse. The auth
 * routes take JSON only (see auth-wire.ts), so this is the library's reading too: a sign-in
 * whose address cannot be read here is refused before any password is checked, never passed
 * on unguarded.
 */
export function signInAccount(body: ArrayBuffer | undefined): string {
  let email: unknown;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body ?? new ArrayBuffer(0)));
    email =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as { email?: unknown }).email
        : undefined;
  } catch {
    email = undefined;
  }
  if (typeof email !== 'string' || !email.trim()) {
    throw new ValidationError('Send your email address and password as JSON: {"email": "…", "password": "…"}.', [
      { path: 'email', message: 'Required' },
    ]);
  }
  // The library looks accounts up lower-cased; the lockout counts the same account.
  return email.trim().toLowerCase();
}

export interface SignInLockout {
  /**
   * Spends one of the account's attempts before its password is checked, so that attempts
   * sent side by side cannot all pass a check made before any of them failed. Throws 429
   * account_locked when none is left.
   */
  begin(email: string, ip: string): Promise<void>;
  /** A refused password keeps its attempt; a success forgives them all; anything else gives it back. */
  settle(email: string, ip: string, status: number): Promise<void>;
}

/** Failed sign-ins counted per account, whatever address they come from (in Redis when configured). */
export function createSignInLockout(redis: Redis | null): SignInLockout {
  const attempts = createRateLimiter(
    { name: 'login-failures', points: LOCK_AFTER_FAILURES, windowSeconds: LOCK_SECONDS },
    redis,
  );
  return {
    async begin(email, ip) {
      const state = await attempts.consume(email);
      if (state.allowed) return;
      reportSecurityEvent({ kind: 'account_locked', ip, email });
      const minutes = Math.ceil(state.resetSeconds / 60);
      throw new LimitExceededError(
        `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or reset your password.`,
        state.resetSeconds,
        'account_locked',
      );
    },
    async settle(email, ip, status) {
      if (status === 401) {
        const state = await attempts.peek(email);
        reportSecurityEvent({ kind: 'login_failed', ip, email, detail: { remaining: state.remaining } });
        if (state.remaining === 0) reportSecurityEvent({ kind: 'account_locked', ip, email });
      } else if (status >= 200 && status < 300) {
        await attempts.reset(email);
      } else {
        // Not a verdict on the password (malformed, rate limited, unverified address…).
        await attempts.refund(email);
      }
    },
  };
}
