import type { ChatTurnEvent } from '@switchboard/contract/chat';
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
      /** An evaluation's answer: nothing is recorded (no unanswered question, no hand-off, no lead). */
      test?: boolean;
      /** False when the plan's model-spend cap is reached: curated and extractive answers only. */
      modelAllowed?: boolean;
    }
  /** A hand-off rule matched the message: a person answers it; `notice` told the visitor. */
  | {
      kind: 'handoff';
      conversation: ConversationRow;
      userMessage: MessageRow;
      /** Null when nobody is online: the inbox writes the honest notice as it routes. */
      notice: MessageRow | null;
      reason: string;
      askContact: boolean;
      opensAt: string | null;
    }
  /** Small talk or a "no" to the offer of a person: the engine's short reply, no retrieval. */
  | { kind: 'reply'; conversation: ConversationRow; userMessage: MessageRow; reply: MessageRow }
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

// What a turn streams is part of the API contract (one definition for the server, the
// dashboard and the widget); these are its types, never checked per event at run time.
/** The finished answer: the JSON answer and the `done` event. */
export type DoneData = Extract<ChatTurnEvent, { event: 'done' }>['data'];
export type HandoffEventData = Extract<ChatTurnEvent, { event: 'handoff' }>['data'];
/** The server-sent events of a turn (also the order of the JSON answer's parts). */
export type TurnEvent = ChatTurnEvent;
