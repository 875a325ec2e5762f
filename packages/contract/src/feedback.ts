import { CitationSchema } from './chat';
import { z } from './z';

// Answer feedback (a thumbs up or down on one bot answer, with an optional comment) and the
// review queue built from it: answers rated down, conversations handed to a person, and
// questions nothing answered, each with what the bot said and the passages it used.

export const ANSWER_RATINGS = ['up', 'down'] as const;
export const FEEDBACK_SOURCES = ['widget', 'api', 'playground'] as const;

export const feedbackInput = z
  .object({
    rating: z.enum(ANSWER_RATINGS),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

/** `{id}` (the conversation) and `{messageId}` (the answer rated) in a path. */
export const messageParams = z.object({
  id: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'id', in: 'path' } }),
  messageId: z
    .string()
    .min(1)
    .max(60)
    .openapi({ param: { name: 'messageId', in: 'path' } }),
});

export const FeedbackSchema = z
  .object({
    messageId: z.string(),
    conversationId: z.string(),
    rating: z.enum(ANSWER_RATINGS),
    comment: z.string().nullable(),
    source: z.enum(FEEDBACK_SOURCES),
    updatedAt: z.date(),
  })
  .openapi('AnswerFeedback');
export const FeedbackResponse = z.object({ feedback: FeedbackSchema });
export const FeedbackListResponse = z.object({ feedback: z.array(FeedbackSchema) });

/** The `answer.rated` event's payload (webhooks and analytics count ups and downs from it). */
export const AnswerRatedEvent = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  agentId: z.string(),
  rating: z.enum(ANSWER_RATINGS),
  previous: z.enum(ANSWER_RATINGS).nullable(),
  source: z.enum(FEEDBACK_SOURCES),
});

export const REVIEW_KINDS = ['rated_down', 'handed_off', 'unanswered'] as const;

export const reviewQueueQuery = z.object({
  kind: z.enum(REVIEW_KINDS).optional(),
  agentId: z.string().min(1).max(60).optional(),
});

export const ReviewItemSchema = z
  .object({
    /** The answer's message id (rated_down), the conversation id (handed_off) or the question's id (unanswered). */
    id: z.string(),
    kind: z.enum(REVIEW_KINDS),
    agentId: z.string().nullable(),
    conversationId: z.string().nullable(),
    question: z.string(),
    answer: z.string().nullable(),
    /** The passages the answer used, in the order it cited them. */
    passages: z.array(CitationSchema),
    /** The passage the answer leaned on most (its first citation): the one to check when the answer was wrong. */
    misleadingPassage: CitationSchema.nullable(),
    down: z.number().int(),
    up: z.number().int(),
    comments: z.array(z.string()),
    reason: z.string().nullable(),
    at: z.date(),
  })
  .openapi('ReviewItem');
export const ReviewQueueResponse = z.object({ items: z.array(ReviewItemSchema) });

export const correctAnswerInput = z
  .object({
    /** The question to answer; the visitor's own words when absent. */
    question: z.string().trim().min(3).max(1000).optional(),
    answer: z.string().trim().min(1, 'Write the right answer').max(10_000),
  })
  .strict();
export const CorrectedResponse = z.object({
  qaPair: z.object({ id: z.string(), question: z.string(), answer: z.string() }),
  misleadingPassage: CitationSchema.nullable(),
});
export const resolveReviewInput = z.object({ status: z.enum(['reviewed', 'dismissed']) }).strict();
