import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { formatRelative } from '../../lib/format';
import { useCan, useWorkspace } from '../../lib/workspace';
import { AgentAvatar } from './agent-avatar';
import { AgentStatusBadge } from './agent-status';
import { MODE_TEXT, PROVIDER_LABELS, useAgents } from './agents-api';
import { CreateAgentDialog } from './create-agent-dialog';

export function AgentsPage() {
  const { workspace } = useWorkspace();
  const agents = useAgents();
  const canWrite = useCan()('agents.write');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Agents"
        description="The AI agents that answer your customers. Edits are drafts until you publish them as a new version."
        actions={
          canWrite && agents.data && agents.data.length > 0 ? (
            <Button onClick={() => setCreating(true)}>Create agent</Button>
          ) : undefined
        }
      />
      {agents.isPending ? (
        <Loading label="Loading agents…" />
      ) : agents.isError ? (
        <ErrorAlert error={agents.error} />
      ) : agents.data.length === 0 ? (
        <EmptyState
          icon={<Icon name="bot" className="h-6 w-6" />}
          title="No agents yet"
          action={canWrite ? <Button onClick={() => setCreating(true)}>Create agent</Button> : undefined}
        >
          {canWrite ? (
            <p>
              Create an agent to answer your visitors. Without any model key it answers from your knowledge, with
              citations.
            </p>
          ) : (
            <p>Nobody has created an agent in this workspace yet. Owners, admins and managers can create them.</p>
          )}
        </EmptyState>
      ) : (
        <Table label="Agents">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Status</Th>
              <Th>Live version</Th>
              <Th>Answer mode</Th>
              <Th>Model</Th>
              <Th>Updated</Th>
            </tr>
          </thead>
          <TBody>
            {agents.data.map((agent) => {
              const live = agent.published ?? agent.draft;
              return (
                <tr key={agent.id} className="hover:bg-slate-50">
                  <Td>
                    <Link
                      to={`/w/${workspace.id}/agents/${agent.id}`}
                      className="flex items-center gap-3 font-medium text-slate-900 hover:text-indigo-700 hover:underline"
                    >
                      <AgentAvatar name={agent.name} url={agent.draft.avatarUrl} />
                      {agent.name}
                    </Link>
                  </Td>
                  <Td>
                    <AgentStatusBadge status={agent.status} />
                  </Td>
                  <Td className="whitespace-nowrap">
                    {agent.publishedVersion ? `Version ${agent.publishedVersion}` : '—'}
                    {agent.hasUnpublishedChanges && (
                      <Badge tone="indigo" className="ml-2">
                        Draft changes
                      </Badge>
                    )}
                  </Td>
                  <Td>{MODE_TEXT[live.answerMode]?.label ?? live.answerMode}</Td>
                  <Td className="whitespace-nowrap">
                    {live.model ? (
                      `${PROVIDER_LABELS[live.model.provider]} · ${live.model.modelId}`
                    ) : (
                      <span className="text-slate-500">None (knowledge only)</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap" title={new Date(agent.updatedAt).toLocaleString()}>
                    {formatRelative(agent.updatedAt)}
                  </Td>
                </tr>
              );
            })}
          </TBody>
        </Table>
      )}
      {canWrite && <CreateAgentDialog open={creating} onOpenChange={setCreating} />}
    </>
  );
}
