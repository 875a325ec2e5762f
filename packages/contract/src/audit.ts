import { z } from './z';

// The audit log: who did what, when, from where (workspace admins read it).

export const listAuditInput = z.object({
  action: z.string().trim().max(80).optional(),
  actorId: z.string().trim().max(80).optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(80).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `createdAt|id` of the last row of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    impersonatorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    createdAt: z.date(),
  })
  .openapi('AuditEntry');

export const AuditPageResponse = z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });
