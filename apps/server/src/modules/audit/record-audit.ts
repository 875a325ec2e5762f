import { newId } from '../../platform/ids';
import { describeActor, type ServiceContext, type Tx } from '../../platform/tenancy';
import { auditLog } from './schema';

export interface AuditInput {
  /** `<area>.<verb>`, e.g. `member.role_changed`, `api_key.created`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

function actorId(ctx: ServiceContext): string | null {
  const { actor } = ctx;
  switch (actor.type) {
    case 'user':
      return actor.userId;
    case 'apiKey':
      return actor.keyId;
    case 'visitor':
      return actor.visitorId;
    case 'channel':
      return actor.channel;
    case 'platformAdmin':
      return actor.userId;
    case 'system':
      return null;
  }
}

/**
 * Writes an audit row in the caller's transaction: the change and its record commit or roll
 * back together. Impersonated actions carry the impersonator.
 */
export async function recordAudit(tx: Tx, ctx: ServiceContext, input: AuditInput): Promise<void> {
  await tx.db.insert(auditLog).values({
    tenantId: ctx.tenantId,
    id: newId('aud'),
    actorType: ctx.actor.type,
    actorId: actorId(ctx),
    actorLabel: describeActor(ctx.actor),
    impersonatorId: ctx.actor.type === 'user' ? (ctx.actor.impersonatorId ?? null) : null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId,
  });
}
