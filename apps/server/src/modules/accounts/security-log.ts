import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { listSecurityInput } from '@switchboard/contract/admin';
import type { z } from 'zod';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/log';
import type { SecurityEvent } from '../../platform/security-events';
import { detachedFromTransaction, withPlatform } from '../../platform/tenancy';
import { securityLog } from './schema';

export async function recordSecurityEvent(event: SecurityEvent): Promise<void> {
  await withPlatform((tx) =>
    tx.db.insert(securityLog).values({
      id: newId('sec'),
      kind: event.kind,
      ip: event.ip ?? null,
      userId: event.userId ?? null,
      email: event.email ?? null,
      workspaceId: event.workspaceId ?? null,
      detail: event.detail ?? {},
    }),
  );
}

const REPEAT_MS = 10_000;

/**
 * The sink for platform security events: written in the background (never inside the
 * caller's transaction), and one row per kind and source per ten seconds, so a flood of
 * refused requests can't become a flood of writes.
 */
export function securitySink(log: Logger): (event: SecurityEvent) => void {
  const recent = new Map<string, number>();
  return (event) => {
    const detail = event.detail ?? {};
    const key = [event.kind, event.ip, event.email, event.workspaceId, detail.path, detail.table]
      .map((v) => String(v ?? ''))
      .join('|');
    const now = Date.now();
    if ((recent.get(key) ?? 0) > now - REPEAT_MS) return;
    recent.set(key, now);
    if (recent.size > 5000) recent.clear();
    detachedFromTransaction(() =>
      setImmediate(() => {
        recordSecurityEvent(event).catch((error) =>
          log.warn({ err: error, kind: event.kind }, 'could not record a security event'),
        );
      }),
    );
  };
}

/** Newest first, paged by a `createdAt|id` cursor (ids break ties between equal times). */
export async function listSecurityEvents(input: z.input<typeof listSecurityInput>) {
  const q = listSecurityInput.parse(input);
  const where: SQL[] = [];
  if (q.kind) where.push(eq(securityLog.kind, q.kind));
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    const when = new Date(at ?? '');
    if (id && !Number.isNaN(when.getTime())) {
      where.push(or(lt(securityLog.createdAt, when), and(eq(securityLog.createdAt, when), lt(securityLog.id, id)))!);
    }
  }
  const rows = await withPlatform((tx) =>
    tx.db
      .select()
      .from(securityLog)
      .where(and(...where))
      .orderBy(desc(securityLog.createdAt), desc(securityLog.id))
      .limit(q.limit + 1),
  );
  const events = rows.slice(0, q.limit);
  const last = events.at(-1);
  return { events, nextCursor: rows.length > q.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null };
}
