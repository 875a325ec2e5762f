import { NavLink } from 'react-router';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Loading } from '../../components/spinner';
import { cn } from '../../lib/cn';
import { formatRelative } from '../../lib/format';
import { useWorkspace } from '../../lib/workspace';
import { useInboxList } from './inbox-api';
import { useInboxLive } from './inbox-live';
import type { InboxItem } from './inbox-api';
import { STATUS_LABELS, type Filters } from './inbox-filters';

/** Conversations from a messaging app stand out: a reply goes back through that app. */
const MESSAGING: Record<string, string> = {
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  slack: 'Slack',
  messenger: 'Messenger',
  instagram: 'Instagram',
};

const STATUS_TONES: Record<InboxItem['status'], string> = {
  pending_human: 'bg-amber-100 text-amber-900',
  human: 'bg-emerald-100 text-emerald-900',
  bot: 'bg-indigo-100 text-indigo-900',
  closed: 'bg-slate-100 text-slate-700',
};

export function StatusPill({ status }: { status: InboxItem['status'] }) {
  return (
    <span
      className={cn(
        'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium',
        STATUS_TONES[status],
      )}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

function Row({ item }: { item: InboxItem }) {
  const { workspace } = useWorkspace();
  const { typing, visitorOnline } = useInboxLive();
  const who = item.visitor.name ?? item.visitor.email ?? 'Visitor';
  // Entries leave the live state when typing stops or expires.
  const isTyping = typing[item.id]?.from === 'visitor';
  const preview = isTyping
    ? 'typing…'
    : item.lastMessage
      ? `${item.lastMessage.role === 'user' ? '' : item.lastMessage.role === 'human' ? 'Team: ' : 'Bot: '}${item.lastMessage.content}`
      : 'No messages yet';
  return (
    <li>
      <NavLink
        to={`/w/${workspace.id}/inbox/${item.id}`}
        className={({ isActive }) =>
          cn(
            'block border-l-4 px-4 py-3 hover:bg-slate-50',
            isActive ? 'border-indigo-600 bg-indigo-50/60' : 'border-transparent',
          )
        }
      >
        <div className="flex items-center gap-2">
          {visitorOnline[item.id] !== undefined && (
            <span
              aria-label={visitorOnline[item.id] ? 'Visitor online' : 'Visitor gone'}
              className={cn('h-2 w-2 rounded-full', visitorOnline[item.id] ? 'bg-emerald-500' : 'bg-slate-300')}
            />
          )}
          <span
            className={cn(
              'min-w-0 flex-1 truncate text-sm',
              item.unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-800',
            )}
          >
            {who}
          </span>
          <span className="shrink-0 text-xs text-slate-500">
            {formatRelative(item.lastMessageAt ?? item.updatedAt)}
          </span>
        </div>
        <p className="mt-0.5 truncate text-sm text-slate-600">{item.title ?? 'New conversation'}</p>
        <p className={cn('mt-0.5 truncate text-xs', isTyping ? 'italic text-indigo-700' : 'text-slate-500')}>
          {preview}
        </p>
        <div className="mt-1.5 flex items-center gap-2">
          <StatusPill status={item.status} />
          {item.assignee && item.status === 'human' && (
            <span className="truncate text-xs text-slate-600">{item.assignee.name}</span>
          )}
          {MESSAGING[item.channel] ? (
            <Badge tone="indigo">{MESSAGING[item.channel]}</Badge>
          ) : (
            <span className="text-xs text-slate-400">{item.channel}</span>
          )}
          {item.unread > 0 && (
            <span
              className="ml-auto rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white"
              aria-label={`${item.unread} unread`}
            >
              {item.unread}
            </span>
          )}
        </div>
      </NavLink>
    </li>
  );
}

export function ConversationList({ filters }: { filters: Filters }) {
  const list = useInboxList(filters);
  if (list.isPending) return <Loading label="Loading conversations…" className="px-4" />;
  if (list.isError) return <ErrorAlert error={list.error} className="m-4" />;
  const items = list.data.conversations;
  if (!items.length)
    return (
      <p className="px-4 py-8 text-center text-sm text-slate-500">
        Nothing here right now. New conversations appear as they come in.
      </p>
    );
  return (
    <ul aria-label="Conversations" className="divide-y divide-slate-100">
      {items.map((item) => (
        <Row key={item.id} item={item} />
      ))}
    </ul>
  );
}
