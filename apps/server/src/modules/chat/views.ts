import { CitationSchema, ConversationSchema, DoneSchema, MessageSchema } from '@switchboard/contract/chat';
import type { ConversationRow, MessageRow } from './schema';

// The API's shapes of conversations and messages are the contract's; these views turn rows into them.
export { CitationSchema, ConversationSchema, DoneSchema, MessageSchema };

export const conversationView = ({
  tenantId: _t,
  routedAt: _r,
  unansweredStreak: _u,
  humanOffered: _h,
  ...rest
}: ConversationRow) => rest;

export const messageView = ({ tenantId: _t, idempotencyKey: _k, error: _e, answeredBy: _o, ...rest }: MessageRow) => ({
  ...rest,
  costUsd: Number(rest.costUsd),
});
