import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import { listAuditInput } from '@switchboard/contract/audit';
import type { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { auditLog, type AuditEntry } from './schema';

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** Newest first; `action` matches a prefix (`member.` lists every member change). */
export async function listAuditLog(ctx: ServiceContext, input: z.input<typeof listAuditInput>): Promise<AuditPage> {
  assertCan(ctx, 'audit.read');
  const q = listAuditInput.parse(input);
  const where: SQL[] = [];
  if (q.action) where.push(like(auditLog.action, `${q.action.replace(/[%_\\]/g, '\\$&')}%`));
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.targetType) where.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) where.push(eq(auditLog.targetId, q.targetId));
  if (q.from) where.push(gte(auditLog.createdAt, q.from));
  if (q.to) where.push(lte(auditLog.createdAt, q.to));
  if (q.cursor) {
    const [at, id] = q.cursor.split('|');
    const when = new Date(at ?? '');
    if (id && !Number.isNaN(when.getTime())) {
      where.push(or(lt(auditLog.createdAt, when), and(eq(auditLog.createdAt, when), lt(auditLog.id, id)))!);
    }
  }
  const rows = await withTenant(ctx, (tx) =>
    tx.db
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(q.limit + 1),
  );
  const entries = rows.slice(0, q.limit);
  const last = entries.at(-1);
  return { entries, nextCursor: rows.length > q.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null };
}
