import { Suspense, useEffect, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './features/auth/login-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { SignupPage } from './features/auth/signup-page';
import { VerifyEmailPage } from './features/auth/verify-email-page';
import { RequireSession } from './features/auth/require-session';
import { NotFoundPage } from './features/errors/not-found-page';
import type { UpcomingModule } from './features/modules/module-info';
import { RequirePermission } from './features/workspaces/require-permission';
import { RootRedirect } from './features/workspaces/root-redirect';
import { FullPageLoading, Loading } from './components/spinner';
import { lazyPage } from './lib/lazy-page';
import { preloadRoute } from './lib/route-preload';
import type { Permission } from './lib/permissions';

// Each signed-in page, and the workspace's frame (sidebar, menus), is its own chunk fetched on
// first visit: the first load carries the router, the session check and the everyday
// signed-out pages (sign-in, sign-up, password reset, email check).
const AccountPage = lazyPage(() => import('./features/account/account-page'), 'AccountPage');
const AgentPage = lazyPage(() => import('./features/agents/agent-page'), 'AgentPage');
const AgentsPage = lazyPage(() => import('./features/agents/agents-page'), 'AgentsPage');
const AgentEditor = lazyPage(() => import('./features/agents/editor/agent-editor'), 'AgentEditor');
const PlaygroundTab = lazyPage(() => import('./features/agents/playground/playground-tab'), 'PlaygroundTab');
const EvaluationsTab = lazyPage(() => import('./features/agents/evaluations/evaluations-tab'), 'EvaluationsTab');
const VersionsTab = lazyPage(() => import('./features/agents/versions/versions-tab'), 'VersionsTab');
const AdminLayout = lazyPage(() => import('./features/admin/admin-layout'), 'AdminLayout');
const SecurityLogPage = lazyPage(() => import('./features/admin/security-log-page'), 'SecurityLogPage');
const TenantDetailPage = lazyPage(() => import('./features/admin/tenant-detail-page'), 'TenantDetailPage');
const TenantsPage = lazyPage(() => import('./features/admin/tenants-page'), 'TenantsPage');
const ApiKeysPage = lazyPage(() => import('./features/api-keys/api-keys-page'), 'ApiKeysPage');
const WebhooksPage = lazyPage(() => import('./features/webhooks/webhooks-page'), 'WebhooksPage');
const RevenuePage = lazyPage(() => import('./features/admin/revenue-page'), 'RevenuePage');
const ActionsPage = lazyPage(() => import('./features/actions/actions-page'), 'ActionsPage');
const McpServersPage = lazyPage(() => import('./features/mcp-servers/mcp-servers-page'), 'McpServersPage');
const AuditLogPage = lazyPage(() => import('./features/audit/audit-log-page'), 'AuditLogPage');
const LeadsPage = lazyPage(() => import('./features/leads/leads-page'), 'LeadsPage');
const ChannelsPage = lazyPage(() => import('./features/channels/channels-page'), 'ChannelsPage');
const ConversationPane = lazyPage(() => import('./features/inbox/conversation-pane'), 'ConversationPane');
const InboxPage = lazyPage(() => import('./features/inbox/inbox-page'), 'InboxPage');
const InboxSettingsPage = lazyPage(() => import('./features/inbox/inbox-settings-page'), 'InboxSettingsPage');
const WorkspacePageNotFound = lazyPage(
  () => import('./features/errors/workspace-page-not-found'),
  'WorkspacePageNotFound',
);
const UpcomingModulePage = lazyPage(() => import('./features/modules/upcoming-module-page'), 'UpcomingModulePage');
const ReviewsPage = lazyPage(() => import('./features/reviews/reviews-page'), 'ReviewsPage');
const KnowledgePage = lazyPage(() => import('./features/knowledge/knowledge-page'), 'KnowledgePage');
const ModelsPage = lazyPage(() => import('./features/models/models-page'), 'ModelsPage');
const TeamPage = lazyPage(() => import('./features/team/team-page'), 'TeamPage');
const UsagePage = lazyPage(() => import('./features/usage/usage-page'), 'UsagePage');
const BillingPage = lazyPage(() => import('./features/billing/billing-page'), 'BillingPage');
const PlansPage = lazyPage(() => import('./features/admin/plans-page'), 'PlansPage');
const AnalyticsPage = lazyPage(() => import('./features/analytics/analytics-page'), 'AnalyticsPage');
const AgentAnalyticsTab = lazyPage(() => import('./features/analytics/agent-analytics-tab'), 'AgentAnalyticsTab');
const OnboardingPage = lazyPage(() => import('./features/workspaces/onboarding-page'), 'OnboardingPage');
const OverviewPage = lazyPage(() => import('./features/workspaces/overview-page'), 'OverviewPage');
const WorkspaceLayout = lazyPage(() => import('./features/workspaces/workspace-layout'), 'WorkspaceLayout');
const SetupPage = lazyPage(() => import('./features/auth/setup-page'), 'SetupPage');
const InvitePage = lazyPage(() => import('./features/team/invite-page'), 'InvitePage');
const SettingsPage = lazyPage(() => import('./features/workspaces/settings-page'), 'SettingsPage');

const UPCOMING: Array<[UpcomingModule, Permission]> = [];

/** A page inside a layout: the layout stays on screen while the page's chunk arrives. */
const inLayout = (page: ReactNode) => <Suspense fallback={<Loading className="px-6" />}>{page}</Suspense>;
const guard = (anyOf: Permission[], page: ReactNode) => (
  <RequirePermission anyOf={anyOf}>{inLayout(page)}</RequirePermission>
);

function ScrollToTop() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

const ROUTES = (
  <>
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
        <Route index element={inLayout(<TenantsPage />)} />
        <Route path="tenants/:tenantId" element={inLayout(<TenantDetailPage />)} />
        <Route path="security-log" element={inLayout(<SecurityLogPage />)} />
        <Route path="revenue" element={inLayout(<RevenuePage />)} />
        <Route path="plans" element={inLayout(<PlansPage />)} />
      </Route>
      <Route path="/w/:workspaceId" element={<WorkspaceLayout />}>
        <Route index element={inLayout(<OverviewPage />)} />
        <Route path="inbox" element={guard(['conversations.read'], <InboxPage />)}>
          <Route index element={inLayout(<ConversationPane />)} />
          <Route path=":conversationId" element={inLayout(<ConversationPane />)} />
        </Route>
        <Route path="inbox/settings" element={guard(['workspace.update'], <InboxSettingsPage />)} />
        {UPCOMING.map(([module, permission]) => (
          <Route key={module} path={module} element={guard([permission], <UpcomingModulePage module={module} />)} />
        ))}
        <Route path="webhooks" element={guard(['webhooks.manage'], <WebhooksPage />)} />
        <Route path="actions" element={guard(['actions.manage'], <ActionsPage />)} />
        <Route path="mcp-servers" element={guard(['integrations.manage'], <McpServersPage />)} />
        <Route path="knowledge" element={guard(['knowledge.read'], <KnowledgePage />)} />
        <Route path="reviews" element={guard(['knowledge.write'], <ReviewsPage />)} />
        <Route path="agents" element={guard(['agents.read'], <AgentsPage />)} />
        <Route path="agents/:agentId" element={guard(['agents.read'], <AgentPage />)}>
          <Route index element={inLayout(<AgentEditor />)} />
          <Route path="versions" element={inLayout(<VersionsTab />)} />
          <Route path="playground" element={inLayout(<PlaygroundTab />)} />
          <Route path="evaluations" element={inLayout(<EvaluationsTab />)} />
          <Route path="analytics" element={guard(['analytics.read'], <AgentAnalyticsTab />)} />
        </Route>
        <Route path="models" element={guard(['agents.read'], <ModelsPage />)} />
        <Route path="leads" element={guard(['leads.read'], <LeadsPage />)} />
        <Route path="channels" element={guard(['channels.manage'], <ChannelsPage />)} />
        <Route path="analytics" element={guard(['analytics.read'], <AnalyticsPage />)} />
        <Route path="usage" element={guard(['analytics.read'], <UsagePage />)} />
        <Route path="billing" element={guard(['workspace.read'], <BillingPage />)} />
        <Route path="team" element={guard(['members.read'], <TeamPage />)} />
        <Route path="api-keys" element={guard(['api_keys.manage'], <ApiKeysPage />)} />
        <Route path="audit-log" element={guard(['audit.read'], <AuditLogPage />)} />
        <Route path="settings" element={guard(['workspace.update', 'workspace.delete'], <SettingsPage />)} />
        <Route path="*" element={inLayout(<WorkspacePageNotFound />)} />
      </Route>
    </Route>
    <Route path="*" element={<NotFoundPage />} />
  </>
);

export function App() {
  // The chunks of the page the dashboard opens on, fetched once the first render has sent the
  // session request: a browser keeps few connections per server, and that answer gates them all.
  useEffect(() => preloadRoute(ROUTES, window.location.pathname), []);
  return (
    <>
      <ScrollToTop />
      <Suspense fallback={<FullPageLoading />}>
        <Routes>{ROUTES}</Routes>
      </Suspense>
    </>
  );
}
