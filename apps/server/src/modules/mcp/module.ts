import type { ModuleDefinition } from '../module';
import { mcpRoutes } from './routes';

/** The workspace's own MCP server: its knowledge and agents for other AI tools (no tables). */
export const mcpModule: ModuleDefinition = {
  name: 'mcp',
  routes: mcpRoutes,
};
