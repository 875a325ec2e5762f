import { z } from 'zod';
import { appUrl } from '../../platform/app-url';
import { currentSecretKey, deriveKey, openClaims, sealClaims } from '../../platform/crypto';
import { UnauthorizedError } from '../../platform/errors';

/**
 * The link in a mail that brings a visitor who left back to their conversation on the hosted
 * chat page: `sbr1.<claims>.<mac>`, an HMAC under a key derived from SECRET_KEY for this purpose
 * alone (a visitor token can't pass for one, nor the reverse), bound to one workspace, agent,
 * visitor and conversation, and expiring (RESUME_LINK_TTL_HOURS). Nothing is stored: rotating
 * SECRET_KEY voids every link.
 */
const claims = z.object({
  t: z.string(),
  a: z.string(),
  v: z.string(),
  c: z.string(),
  u: z.boolean(),
  exp: z.number().int(),
});
export type ResumeClaims = z.infer<typeof claims>;

const PURPOSE = 'widget-resume-link';
let ttlSeconds = 7 * 24 * 3600;

/** RESUME_LINK_TTL_HOURS: how long a mailed link opens the conversation. */
export function configureResumeLinks(options: { ttlHours: number }): void {
  ttlSeconds = Math.round(options.ttlHours * 3600);
}

const key = () => deriveKey(currentSecretKey(), PURPOSE);

export function signResumeLink(
  input: Omit<ResumeClaims, 'exp'>,
  now = Date.now(),
): { token: string; url: string; expiresAt: Date } {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  const token = sealClaims(key(), 'sbr1', { ...input, exp });
  return { token, url: `${appUrl()}/chat/resume/${token}`, expiresAt: new Date(exp * 1000) };
}

export const RESUME_TOKEN = /^sbr1\.[A-Za-z0-9_-]{1,1000}\.[A-Za-z0-9_-]{43}$/;

/** The link's claims; 401 `resume_link_invalid` when forged or garbled, `resume_link_expired` when old. */
export function verifyResumeLink(token: string): ResumeClaims {
  const invalid = () =>
    new UnauthorizedError('This link is not valid. Open the chat again from the website.', 'resume_link_invalid');
  if (!RESUME_TOKEN.test(token)) throw invalid();
  const opened = openClaims(key(), 'sbr1', token, claims);
  if (opened.ok) return opened.claims;
  if (opened.reason === 'expired')
    throw new UnauthorizedError('This link has expired. Open the chat again from the website.', 'resume_link_expired');
  throw invalid();
}
