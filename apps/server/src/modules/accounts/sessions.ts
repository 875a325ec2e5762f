import { and, desc, eq, gt } from 'drizzle-orm';
import { NotFoundError } from '../../platform/errors';
import { withPlatform } from '../../platform/tenancy';
import { sessions } from './schema';

export interface SessionView {
  id: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
  impersonated: boolean;
  current: boolean;
}

/**
 * A person's live sessions, by id. Tokens never leave the server: better-auth's own listing
 * returns them to the page, where an injected script could take every one.
 */
export async function listMySessions(userId: string, currentSessionId: string): Promise<SessionView[]> {
  const rows = await withPlatform((tx) =>
    tx.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
      .orderBy(desc(sessions.updatedAt)),
  );
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    expiresAt: s.expiresAt,
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    impersonated: Boolean(s.impersonatedBy),
    current: s.id === currentSessionId,
  }));
}

/** Signs one of your own sessions out (another person's id answers 404). */
export async function revokeMySession(userId: string, sessionId: string): Promise<void> {
  const deleted = await withPlatform((tx) =>
    tx.db
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .returning({ id: sessions.id }),
  );
  if (!deleted.length) throw new NotFoundError('Session');
}
