import type { AgentConfig } from '../../agents';
import { tsConfigFor } from '../../knowledge';

/** The full-text configuration of a turn: the agent's language, or the visitor's when it follows them. */
export const turnTsConfig = (config: AgentConfig, visitorLanguage: string) =>
  tsConfigFor(config.language === 'auto' ? visitorLanguage : config.language);

/** What a turn retrieves for the visitor's question, by the agent's knowledge settings. */
export function retrievalFor(config: AgentConfig, question: string, visitorLanguage: string) {
  return {
    query: question,
    sourceIds: config.knowledge.sourceIds,
    topK: config.knowledge.topK,
    minScore: config.knowledge.minScore,
    tsConfig: turnTsConfig(config, visitorLanguage),
  };
}
