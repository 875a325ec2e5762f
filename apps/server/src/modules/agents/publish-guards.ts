import type { ServiceContext, Tx } from '../../platform/tenancy';
import type { AgentRow } from './schema';

/**
 * A check another module makes before a draft goes live (evaluations: "block publish below N %"),
 * run in the publishing transaction with the locked agent; it throws to refuse. Registered at
 * start-up, so this module needs no import of the modules that guard it.
 */
export type PublishGuard = (tx: Tx, ctx: ServiceContext, agent: AgentRow) => Promise<void>;

const guards = new Set<PublishGuard>();

export function registerPublishGuard(guard: PublishGuard): void {
  guards.add(guard);
}

export async function runPublishGuards(tx: Tx, ctx: ServiceContext, agent: AgentRow): Promise<void> {
  for (const guard of guards) await guard(tx, ctx, agent);
}
