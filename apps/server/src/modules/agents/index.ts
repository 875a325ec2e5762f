export { agentsModule } from './module';
export {
  agentConfig,
  agentConfigPatch,
  modelChoice,
  PROVIDERS,
  type AgentConfig,
  type ModelChoice,
} from '@switchboard/contract/agents';
export {
  createAgent,
  getAgent,
  listAgents,
  setAgentStatus,
  setDefaultAgentModel,
  updateAgentDraft,
  type AgentView,
} from './manage-agents';
export { getVersion, listVersions, publishAgent, rollbackAgent } from './versions';
export { assertAgentVisible, visibleAgentFilter } from './access';
export { knowledgeScopeOf, limitedAgents, scopeReaches, scopeShares, type KnowledgeScope } from './knowledge-scope';
export { agents, agentVersions } from './schema';
export { registerPublishGuard, type PublishGuard } from './publish-guards';
export type { AgentRow } from './schema';
