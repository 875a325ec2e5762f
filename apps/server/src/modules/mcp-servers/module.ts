import type { ModuleDefinition } from '../module';
import { mcpServerRoutes } from './routes';

/** Remote MCP servers a workspace connects; their tools join the agents' tool loop (chat). */
export const mcpServersModule: ModuleDefinition = {
  name: 'mcp-servers',
  routes: mcpServerRoutes,
  isolationFixtures: [
    {
      table: 'mcp_servers',
      insert: ({ tenantId }) => ({
        text: `INSERT INTO mcp_servers (tenant_id, id, name, url) VALUES ($1, 'mcp_' || substr(md5(random()::text), 1, 26), 'fixture-' || substr(md5(random()::text), 1, 8), 'https://example.com/mcp')`,
        values: [tenantId],
      }),
    },
  ],
};
