/**
 * Who is acting, for which tenant, in which request. Services take it from the route (or
 * the job) and never from input: ownership comes from `ctx.actor`.
 */
export type Actor =
  | { type: 'user'; userId: string; role: MemberRole; impersonatorId?: string }
  | { type: 'apiKey'; keyId: string; scopes: readonly string[] }
  | { type: 'visitor'; visitorId: string }
  | { type: 'channel'; channel: string }
  | { type: 'system'; reason: string };

export type MemberRole = 'owner' | 'admin' | 'manager' | 'agent' | 'viewer';

export interface ServiceContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly requestId: string;
}

export function systemContext(tenantId: string, reason: string, requestId = `job:${reason}`): ServiceContext {
  return { tenantId, actor: { type: 'system', reason }, requestId };
}

/** A short label for logs and audit rows. */
export function describeActor(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.impersonatorId ? `user:${actor.userId} (impersonated by ${actor.impersonatorId})` : `user:${actor.userId}`;
    case 'apiKey':
      return `apiKey:${actor.keyId}`;
    case 'visitor':
      return `visitor:${actor.visitorId}`;
    case 'channel':
      return `channel:${actor.channel}`;
    case 'system':
      return `system:${actor.reason}`;
  }
}
