import type { ModuleDefinition } from '../module';
import { openAiRoutes } from './routes';

/** OpenAI's Chat Completions API over the agents and the chat engine (no tables of its own). */
export const openAiModule: ModuleDefinition = {
  name: 'openai',
  routes: openAiRoutes,
};
