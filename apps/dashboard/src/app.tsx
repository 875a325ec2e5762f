import { useEffect, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AccountPage } from './features/account/account-page';
import { AgentPage } from './features/agents/agent-page';
import { AgentsPage } from './features/agents/agents-page';
import { AgentEditor } from './features/agents/editor/agent-editor';
import { PlaygroundTab } from './features/agents/playground/playground-tab';
import { VersionsTab } from './features/agents/versions/versions-tab';
import { AdminLayout } from './features/admin/admin-layout';
import { SecurityLogPage } from './features/admin/security-log-page';
import { TenantDetailPage } from './features/admin/tenant-detail-page';
import { TenantsPage } from './features/admin/tenants-page';
import { ApiKeysPage } from './features/api-keys/api-keys-page';
import { AuditLogPage } from './features/audit/audit-log-page';
import { LeadsPage } from './features/leads/leads-page';
import { ChannelsPage } from './features/channels/channels-page';
import { ConversationPane } from './features/inbox/conversation-pane';
import { InboxPage } from './features/inbox/inbox-page';
import { InboxSettingsPage } from './features/inbox/inbox-settings-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { LoginPage } from './features/auth/login-page';
import { RequireSession } from './features/auth/require-session';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SetupPage } from './features/auth/setup-page';
import { SignupPage } from './features/auth/signup-page';
import { VerifyEmailPage } from './features/auth/verify-email-page';
import { NotFoundPage } from './features/errors/not-found-page';
import { WorkspacePageNotFound } from './features/errors/workspace-page-not-found';
import { UpcomingModulePage } from './features/modules/upcoming-module-page';
import type { UpcomingModule } from './features/modules/module-info';
import { KnowledgePage } from './features/knowledge/knowledge-page';
import { ModelsPage } from './features/models/models-page';
import { InvitePage } from './features/team/invite-page';
import { TeamPage } from './features/team/team-page';
import { UsagePage } from './features/usage/usage-page';
import { OnboardingPage } from './features/workspaces/onboarding-page';
import { OverviewPage } from './features/workspaces/overview-page';
import { RequirePermission } from './features/workspaces/require-permission';
import { RootRedirect } from './features/workspaces/root-redirect';
import { SettingsPage } from './features/workspaces/settings-page';
import { WorkspaceLayout } from './features/workspaces/workspace-layout';
import type { Permission } from './lib/permissions';

const UPCOMING: Array<[UpcomingModule, Permission]> = [
  ['analytics', 'analytics.read'],
  ['webhooks', 'webhooks.manage'],
];

const guard = (anyOf: Permission[], page: ReactNode) => <RequirePermission anyOf={anyOf}>{page}</RequirePermission>;

function ScrollToTop() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

export function App() {
  return (
    <>
      <ScrollToTop />
      <Routes>
        <Route path="/" element={<RootRedirect />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/invite/:token" element={<InvitePage />} />
        <Route element={<RequireSession />}>
          <Route path="/onboarding" element={<OnboardingPage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route path="/admin" element={<AdminLayout />}>
            <Route index element={<TenantsPage />} />
            <Route path="tenants/:tenantId" element={<TenantDetailPage />} />
            <Route path="security-log" element={<SecurityLogPage />} />
          </Route>
          <Route path="/w/:workspaceId" element={<WorkspaceLayout />}>
            <Route index element={<OverviewPage />} />
            <Route path="inbox" element={guard(['conversations.read'], <InboxPage />)}>
              <Route index element={<ConversationPane />} />
              <Route path=":conversationId" element={<ConversationPane />} />
            </Route>
            <Route path="inbox/settings" element={guard(['workspace.update'], <InboxSettingsPage />)} />
            {UPCOMING.map(([module, permission]) => (
              <Route key={module} path={module} element={guard([permission], <UpcomingModulePage module={module} />)} />
            ))}
            <Route path="knowledge" element={guard(['knowledge.read'], <KnowledgePage />)} />
            <Route path="agents" element={guard(['agents.read'], <AgentsPage />)} />
            <Route path="agents/:agentId" element={guard(['agents.read'], <AgentPage />)}>
              <Route index element={<AgentEditor />} />
              <Route path="versions" element={<VersionsTab />} />
              <Route path="playground" element={<PlaygroundTab />} />
            </Route>
            <Route path="models" element={guard(['agents.read'], <ModelsPage />)} />
            <Route path="leads" element={guard(['leads.read'], <LeadsPage />)} />
            <Route path="channels" element={guard(['channels.manage'], <ChannelsPage />)} />
            <Route path="usage" element={guard(['analytics.read'], <UsagePage />)} />
            <Route path="team" element={guard(['members.read'], <TeamPage />)} />
            <Route path="api-keys" element={guard(['api_keys.manage'], <ApiKeysPage />)} />
            <Route path="audit-log" element={guard(['audit.read'], <AuditLogPage />)} />
            <Route path="settings" element={guard(['workspace.update', 'workspace.delete'], <SettingsPage />)} />
            <Route path="*" element={<WorkspacePageNotFound />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
