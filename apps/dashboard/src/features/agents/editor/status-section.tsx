import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Section } from '../../../components/page-header';
import { useToast } from '../../../components/toast';
import { call, useClient } from '../../../lib/client';
import { useWorkspace, useWorkspaceKey } from '../../../lib/workspace';
import { type AgentStatus } from '../agents-api';
import { AgentStatusBadge } from '../agent-status';
import { useDraft } from './draft-editor';

/** Pausing and archiving act at once (they are not part of a version). */
export function StatusSection() {
  const { agent, canWrite } = useDraft();
  const { workspace } = useWorkspace();
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<AgentStatus | null>(null);
  const setStatus = (status: AgentStatus) =>
    call(client.POST('/api/v1/agents/{id}/status', { params: { path: { id: agent.id } }, body: { status } })).then(
      (r) => {
        queryClient.setQueryData(key('agents', agent.id), r.agent);
        void queryClient.invalidateQueries({ queryKey: key('agents'), exact: true });
        return r.agent;
      },
    );
  const texts = {
    paused: {
      title: `Pause ${agent.name}?`,
      description:
        'It stops answering on the widget, channels and API until you resume it. You can still try it in the playground.',
      label: 'Pause agent',
      done: 'paused',
    },
    active: {
      title: `Resume ${agent.name}?`,
      description: 'It answers visitors again with its live version.',
      label: 'Resume agent',
      done: 'resumed',
    },
    archived: {
      title: `Archive ${agent.name}?`,
      description:
        'It stops answering everywhere and disappears from the list. Its conversations and versions are kept. This cannot be undone here.',
      label: 'Archive agent',
      done: 'archived',
    },
  } as const;
  return (
    <Section title="Status" description="Whether the agent answers visitors.">
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm text-slate-700">
          This agent is <AgentStatusBadge status={agent.status} />
        </p>
        {canWrite && agent.status !== 'archived' && (
          <>
            <Button variant="secondary" onClick={() => setAsking(agent.status === 'active' ? 'paused' : 'active')}>
              {agent.status === 'active' ? 'Pause agent' : 'Resume agent'}
            </Button>
            <Button variant="ghost-danger" onClick={() => setAsking('archived')}>
              Archive agent
            </Button>
          </>
        )}
      </div>
      {asking && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setAsking(null)}
          title={texts[asking].title}
          description={texts[asking].description}
          confirmLabel={texts[asking].label}
          destructive={asking !== 'active'}
          onConfirm={() => setStatus(asking)}
          onDone={() => {
            notify(`${agent.name} ${texts[asking].done}.`);
            if (asking === 'archived') void navigate(`/w/${workspace.id}/agents`);
          }}
        />
      )}
    </Section>
  );
}
