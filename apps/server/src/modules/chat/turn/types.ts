import type { AgentConfig } from '../../agents';
import type { Passage } from '../../knowledge';
import type { Citation, ConversationRow, MessageRow, ToolCallRecord } from '../schema';

export interface HistoryMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What the start of a turn decided, after its transaction committed. */
export type BegunTurn =
  | {
      kind: 'answer';
      conversation: ConversationRow;
      userMessage: MessageRow;
      claim: MessageRow;
      config: AgentConfig;
      history: HistoryMessage[];
      /** Retrieved in the turn's transaction when retrieval stays local; otherwise the answer retrieves. */
      passages?: Passage[];
      /** Hand off after this many answers in a row that found nothing (0: never). */
      unansweredLimit: number;
    }
  /** A hand-off rule matched the message: a person answers it; `notice` told the visitor. */
  | { kind: 'handoff'; conversation: ConversationRow; userMessage: MessageRow; notice: MessageRow; reason: string; askContact: boolean; opensAt: string | null }
  /** A retry of a turn already answered (or being answered): nothing new is created. */
  | { kind: 'replay'; conversation: ConversationRow; userMessage: MessageRow; reply: MessageRow | null }
  /** A person owns the conversation: the message waits for them; the bot stays silent. */
  | { kind: 'human'; conversation: ConversationRow; userMessage: MessageRow };

export interface Usage {
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** The model has no known price: costUsd is 0 without meaning it was free. */
  unpriced: boolean;
}

export interface TurnResult {
  content: string;
  status: 'complete' | 'interrupted' | 'error';
  citations: Citation[];
  toolCalls: ToolCallRecord[];
  usage: Usage;
  model: string;
  error: string | null;
  firstTokenMs: number | null;
  /** Set when the turn handed the conversation to a person. */
  handoff: { reason: string; askContact: boolean; opensAt: string | null; notice: string | null } | null;
  /** Nothing relevant was found: the answer offers a person. */
  offerHuman: boolean;
}

export interface DoneData {
  conversationId: string;
  userMessageId: string;
  messageId: string | null;
  status: TurnResult['status'] | 'queued_for_human';
  conversationStatus: ConversationRow['status'];
  content: string;
  citations: Citation[];
  usage: Usage;
  model: string | null;
  latencyMs: number | null;
  offerHuman: boolean;
  /** A retry answered from what the first attempt stored. */
  replayed?: boolean;
}

export interface HandoffEventData {
  status: ConversationRow['status'];
  reason: string;
  /** Outside business hours: ask the visitor for contact details (a lead). */
  askContact: boolean;
  /** When people are next available (ISO); null when unknown. */
  opensAt: string | null;
  /** What the visitor was told, when a message said it (it is also a stored message). */
  notice?: string;
}

/** The server-sent events of a turn (also the order of the JSON answer's parts). */
export type TurnEvent =
  | { event: 'token'; data: { text: string } }
  | { event: 'citation'; data: Citation }
  | { event: 'tool'; data: { name: string; input: unknown; output?: unknown } }
  | { event: 'handoff'; data: HandoffEventData }
  | { event: 'done'; data: DoneData }
  | { event: 'error'; data: { code: string; message: string; conversationId: string; messageId: string | null } };
