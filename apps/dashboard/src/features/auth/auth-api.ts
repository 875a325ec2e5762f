import { post } from '../../lib/api';

/** The session itself is only ever in the httpOnly cookie, never in this body. */
export interface SignInResult {
  twoFactorRedirect?: boolean;
  redirect?: boolean;
}

export const signIn = (body: { email: string; password: string; rememberMe?: boolean; callbackURL?: string }) =>
  post<SignInResult>('/api/auth/sign-in/email', body);

export const signUp = (body: { name: string; email: string; password: string; callbackURL: string }) =>
  post<{ user: unknown }>('/api/auth/sign-up/email', body);

export const sendVerificationEmail = (email: string, callbackURL: string) =>
  post('/api/auth/send-verification-email', { email, callbackURL });

export const verifyTotp = (code: string, trustDevice: boolean) =>
  post('/api/auth/two-factor/verify-totp', { code, trustDevice });

export const verifyBackupCode = (code: string) => post('/api/auth/two-factor/verify-backup-code', { code });

export const signOut = () => post('/api/auth/sign-out', {});

export async function signInWithProvider(provider: string, callbackURL: string): Promise<void> {
  const { url } = await post<{ url: string }>('/api/auth/sign-in/social', {
    provider,
    callbackURL,
    newUserCallbackURL: callbackURL === '/' ? '/onboarding' : callbackURL,
    errorCallbackURL: '/login',
  });
  window.location.assign(url);
}

/** Where the verification link should land: back to an invitation, or on to the first workspace. */
export function verificationTarget(next: string | null): string {
  return next && next.startsWith('/invite/') ? next : '/onboarding';
}
