import type { ModuleDefinition } from '../module';
import { usageRoutes } from './routes';

/** Usage reports, read from the chat engine's monthly rollup (`usage_monthly`, owned by chat). */
export const usageModule: ModuleDefinition = {
  name: 'usage',
  routes: usageRoutes,
};
