import { useEffect } from 'react';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { EmptyState } from '../../components/empty-state';
import { Loading } from '../../components/spinner';
import { ApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { can } from '../../lib/permissions';
import { useTitle } from '../../lib/use-title';
import { useWorkspace } from '../../lib/workspace';
import { AgentAvatar } from './agent-avatar';
import { useAgent, type Agent } from './agents-api';
import { AgentStatusBadge } from './agent-status';
import { DraftContext, useDraftEditor } from './editor/draft-editor';

/** /w/:id/agents/:agentId and its tabs: configuration (the draft), versions, playground. */
export function AgentPage() {
  const { agentId = '' } = useParams();
  const { workspace } = useWorkspace();
  const agent = useAgent(agentId);
  if (agent.isPending) return <Loading label="Loading the agent…" />;
  if (agent.isError) {
    if (agent.error instanceof ApiError && agent.error.status === 404)
      return <AgentNotFound workspaceId={workspace.id} />;
    return <ErrorAlert error={agent.error} />;
  }
  return <LoadedAgent key={agent.data.id} agent={agent.data} />;
}

function LoadedAgent({ agent }: { agent: Agent }) {
  const { workspace, permissions } = useWorkspace();
  const editor = useDraftEditor(agent);
  useTitle(agent.name);
  // Reloading or closing the page with unsaved edits (on any tab) asks first.
  useEffect(() => {
    if (!editor.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [editor.dirty]);
  const base = `/w/${workspace.id}/agents/${agent.id}`;
  const tabs = [
    { to: base, label: 'Configuration', end: true },
    { to: `${base}/versions`, label: 'Versions', end: false },
    { to: `${base}/playground`, label: 'Playground', end: false },
    { to: `${base}/evaluations`, label: 'Evaluations', end: false },
    ...(can(permissions, 'analytics.read') ? [{ to: `${base}/analytics`, label: 'Analytics', end: false }] : []),
  ];
  return (
    <DraftContext.Provider value={editor}>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link to={`/w/${workspace.id}/agents`} className="font-medium text-indigo-700 hover:underline">
          ← Agents
        </Link>
      </nav>
      <div className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex min-w-0 items-center gap-3">
          <AgentAvatar name={agent.name} url={agent.draft.avatarUrl} size="lg" />
          <div className="min-w-0">
            <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{agent.name}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
              <AgentStatusBadge status={agent.status} />
              <span>{agent.publishedVersion ? `Live: version ${agent.publishedVersion}` : 'Not published'}</span>
            </p>
          </div>
        </div>
        {can(permissions, 'analytics.read') && (
          <Link
            to={`/w/${workspace.id}/analytics?agent=${encodeURIComponent(agent.id)}`}
            className="text-sm font-medium text-indigo-700 hover:underline"
          >
            This agent’s analytics →
          </Link>
        )}
      </div>
      <nav aria-label="Agent" className="mb-6 border-b border-slate-200">
        <ul className="-mb-px flex gap-1 overflow-x-auto">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  cn(
                    'inline-block whitespace-nowrap border-b-2 px-4 py-2 text-sm font-medium',
                    isActive
                      ? 'border-indigo-600 text-indigo-800'
                      : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                  )
                }
              >
                {tab.label}
                {tab.end && editor.dirty && (
                  <>
                    <span
                      aria-hidden="true"
                      className="ml-1.5 inline-block h-2 w-2 rounded-full bg-amber-500 align-middle"
                    />
                    <span className="sr-only"> (unsaved changes)</span>
                  </>
                )}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </DraftContext.Provider>
  );
}

function AgentNotFound({ workspaceId }: { workspaceId: string }) {
  useTitle('Agent not found');
  return (
    <EmptyState
      heading="h1"
      title="Agent not found"
      action={
        <Link className="font-medium text-indigo-700 underline" to={`/w/${workspaceId}/agents`}>
          Back to the agents
        </Link>
      }
    >
      <p>It may have been archived, or the address is wrong.</p>
    </EmptyState>
  );
}
