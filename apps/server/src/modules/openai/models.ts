import type { ServiceContext } from '../../platform/tenancy';
import { getAgent, listAgents, type AgentView } from '../agents';

/** Agents as OpenAI "models": the ones that can answer (active, with a published version). */
const asModel = (agent: AgentView) => ({
  id: agent.id,
  object: 'model' as const,
  created: Math.floor(agent.createdAt.getTime() / 1000),
  owned_by: 'switchboard',
  name: agent.name,
});

export async function listAgentModels(ctx: ServiceContext) {
  const agents = await listAgents(ctx);
  return {
    object: 'list' as const,
    data: agents.filter((a) => a.status === 'active' && a.publishedVersion !== null).map(asModel),
  };
}

export async function getAgentModel(ctx: ServiceContext, id: string) {
  return asModel(await getAgent(ctx, id));
}
