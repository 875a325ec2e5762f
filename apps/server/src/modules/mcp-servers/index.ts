export { mcpServersModule } from './module';
export { createMcpServer, deleteMcpServer, getMcpServer, listMcpServers, updateMcpServer } from './manage-mcp-servers';
export { refreshMcpTools } from './refresh-tools';
export { mcpToolsFor, modelToolName, providerSchema, setMcpAgentTools } from './agent-tools';
export { configureMcpTimeout } from './settings';
export { mcpServers, type McpServerRow } from './schema';
