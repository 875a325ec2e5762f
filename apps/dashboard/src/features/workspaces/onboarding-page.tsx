import { Link } from 'react-router';
import { useTitle } from '../../lib/use-title';
import { openWorkspaces, useSession } from '../../lib/session';
import { AppShell } from './app-shell';
import { CreateWorkspaceForm } from './create-workspace-form';

/** A new account's first stop: create a workspace (invitations arrive by email). */
export function OnboardingPage() {
  const me = useSession();
  useTitle('Create your workspace');
  const existing = openWorkspaces(me);
  return (
    <AppShell>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-semibold tracking-tight">
          {existing.length ? 'Create a workspace' : `Welcome, ${me.user.name.split(' ')[0] || 'there'}`}
        </h1>
        <p className="mt-2 text-slate-600">
          A workspace holds your AI agents, their knowledge, your conversations and your team. Create one for your
          company; you will be its owner and can invite your colleagues next.
        </p>
        <div className="mt-8 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <CreateWorkspaceForm autoFocus />
        </div>
        <p className="mt-6 text-sm text-slate-600">
          Joining a colleague’s workspace instead? Open the invitation link from your email.
        </p>
        {existing.length > 0 && (
          <div className="mt-8">
            <h2 className="text-sm font-semibold text-slate-900">Your workspaces</h2>
            <ul className="mt-2 space-y-1">
              {existing.map((workspace) => (
                <li key={workspace.id}>
                  <Link
                    className="font-medium text-indigo-700 underline-offset-2 hover:underline"
                    to={`/w/${workspace.id}`}
                  >
                    {workspace.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </AppShell>
  );
}
