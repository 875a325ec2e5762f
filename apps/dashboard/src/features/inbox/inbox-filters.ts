import type { ConversationStatus } from '@switchboard/contract/enums';
import type { InboxItem } from './inbox-api';

export interface Filters {
  status: 'open' | 'pending_human' | 'human' | 'bot' | 'closed' | 'all';
  assignee: string;
  agentId: string;
  channel: string;
}

export const DEFAULT_FILTERS: Filters = { status: 'open', assignee: 'anyone', agentId: '', channel: '' };

/** The server's list filters, applied to a row that changed live (is it still in this view?). */
export function matchesFilters(item: InboxItem, filters: Filters, me: string): boolean {
  if (filters.status === 'open' && item.status !== 'pending_human' && item.status !== 'human') return false;
  if (filters.status !== 'open' && filters.status !== 'all' && item.status !== filters.status) return false;
  const owner = item.status === 'human' ? item.assignee?.id : undefined;
  if (filters.assignee === 'me' && owner !== me) return false;
  if (filters.assignee === 'unassigned' && owner) return false;
  if (!['me', 'unassigned', 'anyone'].includes(filters.assignee) && owner !== filters.assignee) return false;
  if (filters.agentId && item.agentId !== filters.agentId) return false;
  if (filters.channel && item.channel !== filters.channel) return false;
  return true;
}

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  bot: 'With the bot',
  pending_human: 'Waiting',
  human: 'With a person',
  closed: 'Closed',
};
