import { getAuth } from './auth/instance';
import { SUPER_ADMIN_ROLE } from './auth/better-auth';

export interface SessionPrincipal {
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  superAdmin: boolean;
  /** Set while a platform admin is impersonating this user. */
  impersonatorId: string | null;
  expiresAt: Date;
}

/** The signed-in person behind the session cookie, or null. */
export async function sessionFromHeaders(headers: Headers): Promise<SessionPrincipal | null> {
  const result = await getAuth().api.getSession({ headers, query: { disableRefresh: false } });
  if (!result) return null;
  const { session, user } = result as {
    session: { id: string; expiresAt: Date; impersonatedBy?: string | null };
    user: {
      id: string;
      email: string;
      name: string;
      emailVerified: boolean;
      twoFactorEnabled?: boolean | null;
      role?: string | null;
    };
  };
  return {
    sessionId: session.id,
    userId: user.id,
    email: user.email,
    name: user.name,
    emailVerified: user.emailVerified,
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    superAdmin: user.role === SUPER_ADMIN_ROLE,
    impersonatorId: session.impersonatedBy ?? null,
    expiresAt: new Date(session.expiresAt),
  };
}
