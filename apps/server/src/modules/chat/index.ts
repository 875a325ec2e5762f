export { chatModule } from './module';
export { createConversation, getConversation, listConversations, listMessages, lockConversation } from './conversations';
export { requestHandoff } from './handoff';
export { playTurn, runTurn } from './turn/run-turn';
export { beginTurn } from './turn/begin-turn';
export { beginSeededTurn, seededTurnInput } from './seeded-turn';
export type { BegunTurn, DoneData, TurnEvent } from './turn/types';
export { idempotencyKeyFrom, respondWithTurn } from './routes';
export { conversations, messages, usageMonthly, type ConversationRow, type MessageRow, type Citation } from './schema';
