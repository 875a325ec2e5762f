import { CONFIRM_ACTION_EVENT } from '@switchboard/contract/actions';
import type { visitorConversationEvents, visitorTurnEvents } from '@switchboard/contract/widget';
import type { z } from 'zod';

/**
 * What a visitor may see of their conversation, wherever it reaches them: the live stream's
 * items (`status`, `message`, `typing`) and a turn's answer events (`token`, `citation`,
 * `tool`, `handoff`, `done`, `error`), streamed or as JSON. One allowlist: what the widget
 * shows and nothing more — no token counts, costs, models, latencies, tool inputs or outputs,
 * hand-off reasons, source ids, scores or member ids. Anything not named here is not sent.
 */

/** The roles a visitor sees: their messages, the bot's and the team's. */
export const VISITOR_ROLES: ReadonlySet<string> = new Set(['user', 'assistant', 'human']);

interface CitationData {
  index: number;
  title: string;
  url: string | null;
  page: number | null;
  anchor: string | null;
  snippet: string;
}

interface MessageData {
  id: string;
  role: string;
  content: string;
  status: string;
  citations: CitationData[];
  replyTo: string | null;
  createdAt: string | Date;
}

/** A citation as the widget draws it (no source or chunk ids, no scores). */
export const visitorCitation = (c: CitationData): CitationData => ({
  index: c.index,
  title: c.title,
  url: c.url,
  page: c.page,
  anchor: c.anchor,
  snippet: c.snippet,
});

/** A message as the visitor sees it: no token counts, costs, models, tool calls or member ids. */
export function visitorMessage(data: MessageData) {
  return {
    id: data.id,
    role: data.role,
    content: data.content,
    status: data.status,
    citations: data.citations.map(visitorCitation),
    replyTo: data.replyTo,
    createdAt: data.createdAt,
  };
}

/** The tools whose use the widget acts on (it opens its lead form); others are not the visitor's business. */
const VISIBLE_TOOLS = new Set(['capture_lead']);

type Data = Record<string, any>;

type VisitorEvents = typeof visitorConversationEvents & typeof visitorTurnEvents;
/** An event's data as the contract describes it; dates may still be Date objects (JSON makes them strings). */
type Shown<T> = T extends Date
  ? Date | string
  : T extends (infer Item)[]
    ? Shown<Item>[]
    : T extends object
      ? { [K in keyof T]: Shown<T[K]> }
      : T;

/**
 * Each event the visitor may get, narrowed to what the widget uses: the contract's visitor
 * events (packages/contract/src/widget.ts): a field the contract names and a view leaves out
 * fails to compile; nothing is checked per event.
 */
const VIEWS: { [Name in keyof VisitorEvents]: (data: Data) => Shown<z.input<VisitorEvents[Name]>> | null } = {
  message: (d) => visitorMessage(d as MessageData),
  status: (d) => ({
    conversationId: d.conversationId,
    status: d.status,
    cause: d.cause ?? null,
    assignee: d.assignee?.name ? { name: d.assignee.name } : null,
    askContact: Boolean(d.askContact),
  }),
  // The visitor's own typing comes back from the bus: only the team's is news.
  typing: (d) =>
    d.from === 'visitor'
      ? null
      : {
          conversationId: d.conversationId,
          from: 'human',
          typing: Boolean(d.typing),
          ...(d.name ? { name: d.name } : {}),
        },
  token: (d) => ({ text: d.text }),
  citation: (d) => visitorCitation(d as CitationData),
  // Once per use (the call, not its result): the cue is the name alone.
  // An action waiting for the visitor: the widget fetches it and shows Confirm and Cancel.
  tool: (d) =>
    (VISIBLE_TOOLS.has(d.name) && d.output === undefined) || d.name === CONFIRM_ACTION_EVENT ? { name: d.name } : null,
  handoff: (d) => ({
    status: d.status,
    askContact: Boolean(d.askContact),
    opensAt: d.opensAt ?? null,
    ...(d.notice ? { notice: d.notice } : {}),
  }),
  done: (d) => ({
    conversationId: d.conversationId,
    userMessageId: d.userMessageId,
    messageId: d.messageId,
    status: d.status,
    conversationStatus: d.conversationStatus,
    content: d.content,
    citations: (d.citations as CitationData[]).map(visitorCitation),
    offerHuman: Boolean(d.offerHuman),
    ...(d.replayed ? { replayed: true } : {}),
  }),
  error: (d) => ({
    code: d.code,
    message: d.message,
    conversationId: d.conversationId,
    messageId: d.messageId ?? null,
  }),
};

/** The item or event as the visitor may see it, or null when they may not see it at all. */
export function forVisitor<T extends { event: string; data: unknown }>(item: T | null): T | null {
  const view =
    item && Object.hasOwn(VIEWS, item.event)
      ? (VIEWS[item.event as keyof VisitorEvents] as (data: Data) => Data | null)
      : null;
  const data = view ? view(item!.data as Data) : null;
  return data ? { ...item!, data } : null;
}
