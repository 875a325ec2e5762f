import type { BetterAuth } from './better-auth';

let auth: BetterAuth | null = null;

export function setAuth(value: BetterAuth | null): void {
  auth = value;
}

export function getAuth(): BetterAuth {
  if (!auth) throw new Error('Authentication is not started');
  return auth;
}
