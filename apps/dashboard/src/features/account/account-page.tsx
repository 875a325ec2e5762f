import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { lastWorkspace } from '../../lib/last-workspace';
import { openWorkspaces, useSession } from '../../lib/session';
import { AppShell } from '../workspaces/app-shell';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { SessionsSection } from './sessions-section';
import { TwoFactorSection } from './two-factor-section';

export function AccountPage() {
  const me = useSession();
  const workspaces = openWorkspaces(me);
  const back = workspaces.find((w) => w.id === lastWorkspace()) ?? workspaces[0];
  return (
    <AppShell>
      {back && (
        <p className="mb-2 text-sm">
          <Link className="text-indigo-700 underline-offset-2 hover:underline" to={`/w/${back.id}`}>
            ← Back to {back.name}
          </Link>
        </p>
      )}
      <PageHeader
        title="Account"
        description="Your profile and how you sign in. These settings follow you across every workspace."
      />
      <div className="space-y-6">
        <ProfileSection />
        <PasswordSection />
        <TwoFactorSection />
        <SessionsSection />
      </div>
    </AppShell>
  );
}
