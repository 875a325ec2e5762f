import type { ModuleDefinition } from '../module';
import { mountOpenAiRoutes } from './routes';

/** OpenAI's Chat Completions API over the agents and the chat engine (no tables of its own). */
export const openAiModule: ModuleDefinition = {
  name: 'openai',
  mount: (app) => mountOpenAiRoutes(app),
};
