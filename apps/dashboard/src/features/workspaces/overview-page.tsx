import { Link } from 'react-router';
import { Badge } from '../../components/badge';
import { CopyButton } from '../../components/copy-button';
import { Icon, type IconName } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { formatDate, capitalize, withArticle } from '../../lib/format';
import { ROLE_LABELS, can, type Permission } from '../../lib/permissions';
import { useWorkspace } from '../../lib/workspace';
import { UPCOMING_MODULES, type UpcomingModule } from '../modules/module-info';

const NEXT_STEPS: Array<{ permission: Permission; path: string; icon: IconName; title: string; text: string }> = [
  {
    permission: 'conversations.read',
    path: 'inbox',
    icon: 'inbox',
    title: 'Open the inbox',
    text: 'Conversations waiting for a person, live; take them over and reply.',
  },
  {
    permission: 'agents.write',
    path: 'agents',
    icon: 'bot',
    title: 'Create an agent',
    text: 'Give it instructions and knowledge, try it in the playground, publish it.',
  },
  {
    permission: 'knowledge.write',
    path: 'knowledge',
    icon: 'book',
    title: 'Add knowledge',
    text: 'Upload documents, add pages of your site or write Q&A pairs.',
  },
  {
    permission: 'members.invite',
    path: 'team',
    icon: 'users',
    title: 'Invite your team',
    text: 'Add colleagues as admins, managers, agents or viewers.',
  },
  {
    permission: 'api_keys.manage',
    path: 'api-keys',
    icon: 'key',
    title: 'Create an API key',
    text: 'Connect your own systems to this workspace.',
  },
  {
    permission: 'channels.manage',
    path: 'channels',
    icon: 'channels',
    title: 'Put the chat on your website',
    text: 'Set up the website widget, see it live and copy its snippet.',
  },
  {
    permission: 'audit.read',
    path: 'audit-log',
    icon: 'scroll',
    title: 'Review the audit log',
    text: 'See who changed what, and when.',
  },
  {
    permission: 'members.read',
    path: 'team',
    icon: 'users',
    title: 'See who is here',
    text: 'The members of this workspace and their roles.',
  },
];

const MODULE_PERMISSION: Partial<Record<UpcomingModule, Permission>> = {};

export function OverviewPage() {
  const { workspace, role, permissions } = useWorkspace();
  // "See who is here" only when inviting is not on offer.
  const steps = NEXT_STEPS.filter(
    (step) =>
      can(permissions, step.permission) && !(step.permission === 'members.read' && can(permissions, 'members.invite')),
  );
  const modules = (Object.keys(UPCOMING_MODULES) as UpcomingModule[]).filter(
    (m) => MODULE_PERMISSION[m] !== undefined && can(permissions, MODULE_PERMISSION[m]),
  );
  return (
    <>
      <PageHeader
        title={workspace.name}
        description={
          <>
            You are {role ? <strong>{withArticle((ROLE_LABELS[role] ?? role).toLowerCase())}</strong> : 'a guest'} in
            this workspace.
          </>
        }
      />
      <dl className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Plan</dt>
          <dd className="mt-1 font-medium">{capitalize(workspace.plan)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Created</dt>
          <dd className="mt-1 font-medium">{formatDate(workspace.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Workspace ID</dt>
          <dd className="mt-1 flex flex-wrap items-center gap-2">
            <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 text-xs">{workspace.id}</code>
            <CopyButton value={workspace.id} label="Copy ID" />
          </dd>
        </div>
      </dl>

      {steps.length > 0 && (
        <section aria-labelledby="next-heading" className="mt-8">
          <h2 id="next-heading" className="text-lg font-semibold">
            Get started
          </h2>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {steps.map((step) => (
              <li key={step.title}>
                <Link
                  to={`/w/${workspace.id}/${step.path}`}
                  className="flex h-full gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300 hover:bg-indigo-50/40"
                >
                  <Icon name={step.icon} className="h-6 w-6 shrink-0 text-indigo-600" />
                  <span>
                    <span className="block font-medium text-slate-900">{step.title}</span>
                    <span className="mt-0.5 block text-sm text-slate-600">{step.text}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {modules.length > 0 && (
        <section aria-labelledby="coming-heading" className="mt-8">
          <h2 id="coming-heading" className="text-lg font-semibold">
            Coming in the next versions
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Accounts, workspaces and your team are ready. These modules are being built:
          </p>
          <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {modules.map((key) => {
              const info = UPCOMING_MODULES[key];
              if (!info) return null;
              return (
                <li key={key} className="flex gap-3 rounded-xl border border-dashed border-slate-300 bg-white p-4">
                  <Icon name={info.icon} className="h-6 w-6 shrink-0 text-slate-400" />
                  <span>
                    <span className="flex items-center gap-2 font-medium text-slate-900">
                      {info.title} <Badge>Coming soon</Badge>
                    </span>
                    <span className="mt-0.5 block text-sm text-slate-600">{info.summary}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
