import type { MemberRole } from '@switchboard/contract/permissions';

/**
 * Who is acting, for which tenant, in which request. Services take it from the route (or
 * the job) and never from input: ownership comes from `ctx.actor`.
 */
export type Actor =
  | { type: 'user'; userId: string; email: string; role: MemberRole; impersonatorId?: string }
  | { type: 'apiKey'; keyId: string; scopes: readonly string[]; agentIds?: readonly string[] | null }
  | { type: 'visitor'; visitorId: string }
  | { type: 'channel'; channel: string }
  | { type: 'system'; reason: string }
  /** The platform's super admin acting on a workspace (suspend, …), not as a member. */
  | { type: 'platformAdmin'; userId: string; email: string };

export type { MemberRole };

export interface ServiceContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly requestId: string;
  /** The caller's address, for the audit log (absent for jobs). */
  readonly ip?: string;
}

export function systemContext(tenantId: string, reason: string, requestId = `job:${reason}`): ServiceContext {
  return { tenantId, actor: { type: 'system', reason }, requestId };
}

/** A short label for logs and audit rows. */
export function describeActor(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.impersonatorId ? `${actor.email} (impersonated by ${actor.impersonatorId})` : actor.email;
    case 'apiKey':
      return `apiKey:${actor.keyId}`;
    case 'visitor':
      return `visitor:${actor.visitorId}`;
    case 'channel':
      return `channel:${actor.channel}`;
    case 'system':
      return `system:${actor.reason}`;
    case 'platformAdmin':
      return `${actor.email} (platform admin)`;
  }
}
