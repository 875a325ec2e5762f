import { z } from 'zod';

/** The chat widget, hand-off mails and live event streams. */
export const widgetShape = {
  /** Widget calls per visitor per minute (messages, typing, uploads, reconnects). */
  WIDGET_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Widget calls per client address per minute (every visitor behind it together). */
  WIDGET_IP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** New widget conversations per visitor per hour (the session's `create` / `fresh`). */
  WIDGET_CONVERSATION_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** New widget conversations per client address per hour, every visitor behind it together. */
  WIDGET_IP_CONVERSATION_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(60),
  /** Hand-off mails: the first goes at once, later ones wait and go together, one mail per member per this many seconds. */
  HANDOFF_MAIL_DIGEST_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  VISITOR_REPLY_MAIL_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  RESUME_LINK_TTL_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 90)
    .default(168),
  /** Event streams (live events, streamed answers) open at once, per process: per visitor, member, API key and client address. */
  STREAM_LIMIT_PER_VISITOR: z.coerce.number().int().min(1).default(5),
  STREAM_LIMIT_PER_MEMBER: z.coerce.number().int().min(1).default(20),
  STREAM_LIMIT_PER_API_KEY: z.coerce.number().int().min(1).default(100),
  STREAM_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** Every event stream of this process together: past it new ones get 503 (the server stays up for everyone else). */
  STREAM_LIMIT_PER_PROCESS: z.coerce.number().int().min(1).default(10_000),
  /** Largest widget attachment any agent may allow (each agent sets its own limit below it). */
  WIDGET_MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
};
