import { NotFoundError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/tenancy';

/** An API key limited to some agents sees the others as absent. */
export function assertAgentVisible(ctx: ServiceContext, agentId: string): void {
  const { actor } = ctx;
  if (actor.type === 'apiKey' && actor.agentIds && !actor.agentIds.includes(agentId)) {
    throw new NotFoundError('Agent', 'not_found', { table: 'agents', id: agentId });
  }
}

export function visibleAgentFilter(ctx: ServiceContext): readonly string[] | null {
  return ctx.actor.type === 'apiKey' && ctx.actor.agentIds ? ctx.actor.agentIds : null;
}
