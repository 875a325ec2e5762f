export { chatModule } from './module';
export { createConversation, getConversation, listConversations, listMessages, lockConversation } from './conversations';
export { requestHandoff } from './handoff';
export { runTurn } from './turn/run-turn';
export { idempotencyKeyFrom, respondWithTurn, requireEventStream, resumePoint } from './routes';
export { conversations, messages, usageMonthly, type ConversationRow, type MessageRow, type Citation } from './schema';
export { conversationStream, EPHEMERAL_CONVERSATION_EVENTS } from './conversation-stream';
export { messageView, conversationView } from './views';
