import { ErrorAlert } from '../../components/alert';
import { Checkbox } from '../../components/field';
import { Section } from '../../components/page-header';
import { useWorkspaceApi } from '../../lib/workspace';
import { mcpServerPath, useMcpMutation, useMcpServers } from './mcp-servers-api';

/**
 * The MCP tools an agent may call. Saved at once, outside the draft: a server's tools are the
 * workspace's, not part of an agent version.
 */
export function AgentMcpTools({ agentId }: { agentId: string }) {
  const workspaceApi = useWorkspaceApi();
  const servers = useMcpServers();
  const save = useMcpMutation(({ serverId, tools }: { serverId: string; tools: string[] }) =>
    workspaceApi(`${mcpServerPath(serverId)}/agents/${encodeURIComponent(agentId)}`, {
      method: 'PUT',
      json: { tools },
    }),
  );
  const withTools = (servers.data ?? []).filter((s) => s.tools.length > 0);
  return (
    <Section
      title="MCP tools"
      description="Tools of the workspace’s MCP servers this agent may call. Changes apply at once, to the live version too."
    >
      {servers.isError && <ErrorAlert error={servers.error} />}
      {servers.isSuccess && withTools.length === 0 && (
        <p className="text-sm text-slate-600">No MCP server with tools is connected (see MCP servers).</p>
      )}
      <div className="space-y-4">
        {withTools.map((server) => {
          const enabled = server.agentTools[agentId] ?? [];
          return (
            <fieldset key={server.id} disabled={save.isPending}>
              <legend className="text-sm font-medium text-slate-800">{server.name}</legend>
              <div className="mt-2 space-y-2">
                {server.tools.map((tool) => (
                  <Checkbox
                    key={tool.name}
                    label={<code className="text-xs">{`${server.name}__${tool.name}`}</code>}
                    hint={tool.description}
                    checked={enabled.includes(tool.name)}
                    onChange={(e) =>
                      save.mutate({
                        serverId: server.id,
                        tools: e.target.checked ? [...enabled, tool.name] : enabled.filter((t) => t !== tool.name),
                      })
                    }
                  />
                ))}
              </div>
            </fieldset>
          );
        })}
      </div>
      {save.isError && <ErrorAlert error={save.error} className="mt-3" />}
    </Section>
  );
}
