import type { AgentConfig } from '../../agents';
import { tsConfigFor } from '../../knowledge';

/** What a turn retrieves for the visitor's question, by the agent's knowledge settings. */
export function retrievalFor(config: AgentConfig, question: string) {
  return { query: question, sourceIds: config.knowledge.sourceIds, topK: config.knowledge.topK, minScore: config.knowledge.minScore, tsConfig: tsConfigFor(config.language) };
}
