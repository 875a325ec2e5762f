export { chatModule } from './module';
export {
  assertConversationAccess,
  createConversation,
  getConversation,
  listConversations,
  listMessages,
  lockConversation,
} from './conversations';
export {
  handOff,
  writeNotice,
  requestHandoff,
  requestHandoffWithNotice,
  setTeamAvailability,
  type HandoffOptions,
  type HandoffResult,
} from './handoff';
export { transitionConversation, actorRef, type TransitionChange, type TransitionEvent } from './transition';
export { agentConfigFor, conversationLanguage } from './agent-config';
export { facesByLanguage, localizedFace, type LocalizedFace } from './localized';
export { afterCursor, cursorColumn } from './cursor';
export { peopleByIds, personView, type PersonView } from './people';
export { playTurn, runTurn, turnFailure } from './turn/run-turn';
export { testAnswer } from './turn/test-answer';
export { beginTurn } from './turn/begin-turn';
export { beginSeededTurn, seededTurnInput } from './seeded-turn';
export type { BegunTurn, DoneData, TurnEvent } from './turn/types';
export { answerPassages, composeExtractive, isRelevant, toCitation } from './turn/extractive';
export { KNOWLEDGE_IS_DATA, knowledgeBlock } from './turn/knowledge-block';
export { idempotencyKeyFrom, respondWithTurn, requireEventStream, resumePoint } from './routes';
export {
  conversations,
  conversationTransitions,
  messages,
  usageMonthly,
  type ConversationRow,
  type ConversationStatus,
  type MessageRow,
  type TransitionRow,
  type Citation,
} from './schema';
export {
  conversationStream,
  recordVisitorPresence,
  statusOf,
  EPHEMERAL_CONVERSATION_EVENTS,
} from './conversation-stream';
export { sharedRead } from './shared-read';
export { messageView, conversationView, ConversationSchema, MessageSchema, CitationSchema } from './views';
