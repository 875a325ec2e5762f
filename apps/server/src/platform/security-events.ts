/**
 * Security-relevant events seen by platform code (rate-limit refusals, probes for another
 * tenant's ids). The accounts module registers the sink that records them in the security
 * log; until then they are dropped.
 */
export interface SecurityEvent {
  kind:
    | 'rate_limited'
    | 'login_failed'
    | 'account_locked'
    | 'foreign_workspace'
    | 'foreign_resource'
    | 'two_factor_failed'
    | 'impersonation_started';
  ip?: string | null;
  userId?: string | null;
  email?: string | null;
  workspaceId?: string | null;
  detail?: Record<string, unknown>;
}

let sink: (event: SecurityEvent) => void = () => undefined;

export function setSecuritySink(fn: (event: SecurityEvent) => void): void {
  sink = fn;
}

export function reportSecurityEvent(event: SecurityEvent): void {
  sink(event);
}
