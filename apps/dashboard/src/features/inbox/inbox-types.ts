export type ConversationStatus = 'bot' | 'pending_human' | 'human' | 'closed';

export interface Person {
  id: string;
  name: string;
  avatarUrl: string | null;
}

export interface InboxItem {
  id: string;
  agentId: string;
  channel: string;
  status: ConversationStatus;
  title: string | null;
  assignee: Person | null;
  handoffReason: string | null;
  handoffAt: string | null;
  askContact: boolean;
  messageCount: number;
  lastMessageAt: string | null;
  lastMessage: { role: string; content: string; createdAt: string } | null;
  unread: number;
  visitor: { name: string | null; email: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface Citation {
  index: number;
  sourceId: string;
  title: string;
  url: string | null;
  page: number | null;
  snippet: string;
}

export interface Message {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant' | 'human' | 'system';
  content: string;
  status: string;
  citations: Citation[];
  model: string | null;
  authorId: string | null;
  createdAt: string;
}

export interface Note {
  id: string;
  conversationId: string;
  authorId: string | null;
  kind: 'note' | 'summary';
  content: string;
  createdAt: string;
}

export interface Transition {
  id: string;
  event: string;
  fromStatus: string;
  toStatus: string;
  assigneeId: string | null;
  actorType: string;
  actorId: string | null;
  reason: string | null;
  createdAt: string;
}

export interface Lead {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  status: string;
  createdAt: string;
}

export interface ConversationDetail {
  conversation: { id: string; agentId: string; channel: string; status: ConversationStatus; title: string | null; assigneeId: string | null; assignee: Person | null; handoffReason: string | null; askContact: boolean; createdAt: string };
  agent: { id: string; name: string } | null;
  visitor: { id: string | null; name: string | null; email: string | null; phone: string | null; page: string | null; userAgent: string | null; locale: string | null };
  messages: Message[];
  notes: Note[];
  transitions: Transition[];
  leads: Lead[];
  /** The visitor's satisfaction rating, given once the conversation was closed. */
  rating: { rating: number; comment: string | null; ratedAt: string } | null;
  people: Record<string, Person>;
}

export interface InboxMember {
  userId: string;
  name: string;
  email: string;
  role: string;
  assignable: boolean;
  status: 'online' | 'away' | 'offline';
  capacity: number | null;
  effectiveCapacity: number;
  onDuty: boolean;
  open: number;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  content: string;
}

export interface UnreadTotals {
  conversations: number;
  messages: number;
}

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

export const STATUS_LABELS: Record<ConversationStatus, string> = { bot: 'With the bot', pending_human: 'Waiting', human: 'With a person', closed: 'Closed' };
