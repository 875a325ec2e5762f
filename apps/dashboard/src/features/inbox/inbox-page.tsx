import { useState } from 'react';
import { Link, Outlet, useSearchParams } from 'react-router';
import { Button, buttonVariants } from '../../components/button';
import { PageHeader } from '../../components/page-header';
import { useCan, useWorkspace } from '../../lib/workspace';
import { CannedDialog } from './canned-dialog';
import { ConversationList } from './conversation-list';
import { InboxLiveProvider, useInboxLive } from './inbox-live';
import { DEFAULT_FILTERS, type Filters } from './inbox-filters';
import { ListFilters } from './list-filters';
import { askNotificationPermission, notificationPermission } from './notifications';
import { AvailabilityToggle, usePresenceHeartbeat } from './presence';

function useFilters(): [Filters, (next: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    status: (params.get('status') as Filters['status']) ?? DEFAULT_FILTERS.status,
    assignee: params.get('assignee') ?? DEFAULT_FILTERS.assignee,
    agentId: params.get('agent') ?? '',
    channel: params.get('channel') ?? '',
  };
  const set = (next: Filters) => {
    const out = new URLSearchParams();
    if (next.status !== DEFAULT_FILTERS.status) out.set('status', next.status);
    if (next.assignee !== DEFAULT_FILTERS.assignee) out.set('assignee', next.assignee);
    if (next.agentId) out.set('agent', next.agentId);
    if (next.channel) out.set('channel', next.channel);
    setParams(out, { replace: true });
  };
  return [filters, set];
}

function NotificationsButton() {
  const [permission, setPermission] = useState(notificationPermission());
  if (permission === 'unsupported' || permission === 'granted') return null;
  if (permission === 'denied')
    return <span className="text-xs text-slate-500">Browser notifications are blocked for this site.</span>;
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => {
        // A browser that cannot ask (or fails to) is treated as one without notifications.
        askNotificationPermission().then(setPermission, () => setPermission('unsupported'));
      }}
    >
      Turn on notifications
    </Button>
  );
}

function Header() {
  const { workspace } = useWorkspace();
  const can = useCan();
  const live = useInboxLive();
  const [availability, setAvailability] = usePresenceHeartbeat();
  const [canned, setCanned] = useState(false);
  const waiting = live.unread.conversations;
  return (
    <PageHeader
      title={waiting ? `Inbox (${waiting})` : 'Inbox'}
      description={
        <span className="flex items-center gap-2">
          <span aria-live="polite">
            {live.connected
              ? waiting
                ? `${waiting} open conversation${waiting === 1 ? '' : 's'} with unread messages.`
                : 'Everything is read.'
              : 'Connecting…'}
          </span>
        </span>
      }
      actions={
        <>
          <NotificationsButton />
          <AvailabilityToggle value={availability} onChange={setAvailability} />
          <Button variant="secondary" size="sm" onClick={() => setCanned(true)}>
            Canned responses
          </Button>
          {can('workspace.update') && (
            <Link to={`/w/${workspace.id}/inbox/settings`} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
              Inbox settings
            </Link>
          )}
          <CannedDialog open={canned} onOpenChange={setCanned} />
        </>
      }
    />
  );
}

/** /w/:id/inbox: the live list on the left, the chosen conversation on the right. */
export function InboxPage() {
  const [filters, setFilters] = useFilters();
  return (
    <InboxLiveProvider>
      <Header />
      <div className="flex h-[calc(100vh-12rem)] min-h-[32rem] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
        <div className="flex w-80 shrink-0 flex-col border-r border-slate-200">
          <ListFilters filters={filters} onChange={setFilters} />
          <div className="min-h-0 flex-1 overflow-y-auto">
            <ConversationList filters={filters} />
          </div>
        </div>
        <Outlet />
      </div>
    </InboxLiveProvider>
  );
}
