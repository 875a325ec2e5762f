import { MIN_PASSWORD_LENGTH } from '@switchboard/contract/accounts';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, twoFactor } from 'better-auth/plugins';
import { adminAc, userAc } from 'better-auth/plugins/admin/access';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Redis } from 'ioredis';
// The one exception to "modules never touch the raw handle": better-auth manages the platform
// tables of authentication on its own connection (see ARCHITECTURE.md, Accounts).
import { getDatabase } from '../../../platform/db/current';
import type { Config } from '../../../platform/config';
import type { Logger } from '../../../platform/log';
import { deriveKey, type SecretKey } from '../../../platform/crypto';
import { newId, type IdPrefix } from '../../../platform/ids';
import { sendMail } from '../../../platform/mail';
import { createRateLimiter, type RateLimiter } from '../../../platform/ratelimit';
import { authAccounts, sessions, twoFactors, users, verifications } from '../schema';
import { resetPasswordMail, verifyEmailMail } from './mails';

export const CLIENT_IP_HEADER = 'x-switchboard-client-ip';
export const SUPER_ADMIN_ROLE = 'super_admin';
export { MIN_PASSWORD_LENGTH };
export const IMPERSONATION_SECONDS = 60 * 60;

const ID_PREFIX: Record<string, IdPrefix> = {
  user: 'usr',
  session: 'ses',
  account: 'acc',
  verification: 'ver',
  twoFactor: 'tfa',
};

/** better-auth's own rate limits, counted in our limiter (so in Redis when configured). */
function rateLimitStorage(redis: Redis | null) {
  const limiters = new Map<string, RateLimiter>();
  return {
    async consume(key: string, rule: { window: number; max: number }) {
      const name = `auth-${rule.window}-${rule.max}`;
      let limiter = limiters.get(name);
      if (!limiter) {
        limiter = createRateLimiter({ name, points: rule.max, windowSeconds: rule.window }, redis);
        limiters.set(name, limiter);
      }
      const decision = await limiter.consume(key);
      return { allowed: decision.allowed, retryAfter: decision.allowed ? null : decision.resetSeconds };
    },
  };
}

export interface AuthOptions {
  log: Logger;
  config: Config;
  secretKey: SecretKey;
  redis: Redis | null;
  port?: number | null;
}

/** APP_URL, or — when unset — the local address by either name, as browsers and tests use both. */
export function trustedOrigins(config: Config, port: number | null | undefined): string[] {
  if (config.APP_URL || !port) return [config.appUrl];
  return [config.appUrl, `http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function createBetterAuth({ config, secretKey, redis, port, log }: AuthOptions) {
  const socialProviders: Record<string, { clientId: string; clientSecret: string }> = {};
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    socialProviders.google = { clientId: config.GOOGLE_CLIENT_ID, clientSecret: config.GOOGLE_CLIENT_SECRET };
  }
  if (config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET) {
    socialProviders.github = { clientId: config.GITHUB_CLIENT_ID, clientSecret: config.GITHUB_CLIENT_SECRET };
  }
  return betterAuth({
    appName: 'Switchboard',
    baseURL: config.appUrl,
    basePath: '/api/auth',
    secret: deriveKey(secretKey, 'better-auth').toString('hex'),
    trustedOrigins: trustedOrigins(config, port),
    telemetry: { enabled: false },
    // Its messages join our JSON log instead of the console.
    logger: {
      level: 'warn',
      log: (level, message, ...args) =>
        log[level === 'debug' ? 'debug' : level](
          { component: 'better-auth', args: args.length ? args : undefined },
          message,
        ),
    },
    database: drizzleAdapter(drizzle({ client: getDatabase().pool }), {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: authAccounts,
        verification: verifications,
        twoFactor: twoFactors,
      },
    }),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => sendMail(resetPasswordMail(user.email, user.name, url)),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url }) => sendMail(verifyEmailMail(user.email, user.name, url)),
    },
    socialProviders,
    session: { expiresIn: 7 * 24 * 60 * 60, updateAge: 24 * 60 * 60, cookieCache: { enabled: false } },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 120,
      customRules: {
        '/sign-in/email': { window: 60, max: config.LOGIN_RATE_LIMIT_PER_MINUTE },
        '/sign-up/email': { window: 60, max: 5 },
        '/request-password-reset': { window: 300, max: 5 },
        '/send-verification-email': { window: 300, max: 5 },
        '/two-factor/*': { window: 60, max: 10 },
      },
      customStorage: rateLimitStorage(redis),
    },
    advanced: {
      cookiePrefix: 'switchboard',
      useSecureCookies: config.appUrl.startsWith('https:'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: ({ model }) => newId(ID_PREFIX[model] ?? 'usr') },
    },
    plugins: [
      twoFactor({ issuer: 'Switchboard' }),
      admin({
        // Only impersonation is used (its other endpoints are not exposed; see auth-routes).
        roles: { [SUPER_ADMIN_ROLE]: adminAc, user: userAc },
        adminRoles: [SUPER_ADMIN_ROLE],
        defaultRole: 'user',
        impersonationSessionDuration: IMPERSONATION_SECONDS,
        allowImpersonatingAdmins: false,
      }),
    ],
  });
}

export type BetterAuth = ReturnType<typeof createBetterAuth>;
