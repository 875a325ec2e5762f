import type { z } from '@hono/zod-openapi';
import { idParam, OkResponse } from '@switchboard/contract/common';
import {
  CorrectedResponse,
  correctAnswerInput,
  feedbackInput,
  FeedbackListResponse,
  FeedbackResponse,
  messageParams,
  resolveReviewInput,
  reviewQueueQuery,
  ReviewQueueResponse,
} from '@switchboard/contract/feedback';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { correctAnswer, resolveReviewItem } from './correct-answer';
import { listMyFeedback, rateAnswer } from './rate-answer';
import { reviewQueue } from './review-queue';

const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const review = { auth: 'workspace', permission: 'knowledge.write' } as const;

export function feedbackRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/conversations/{id}/messages/{messageId}/feedback',
        tags: ['Feedback'],
        summary: 'Rate a bot answer up or down, with an optional comment (rating again replaces the caller’s rating)',
        description:
          'One rating per answer and caller (an API key rates for the app that holds it; the playground rates as the signed-in person). Emits `answer.rated`.',
        request: { params: messageParams, ...body(feedbackInput) },
        responses: { 200: json(FeedbackResponse, 'Recorded'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'conversations.reply' },
    ),
    async (c) => {
      const { id, messageId } = c.req.valid('param');
      return c.json({ feedback: await rateAnswer(serviceContext(c), id, messageId, c.req.valid('json')) }, 200);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}/feedback',
        tags: ['Feedback'],
        summary: 'The caller’s ratings of the answers in a conversation',
        request: { params: idParam },
        responses: { 200: json(FeedbackListResponse, 'Ratings'), ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'conversations.read' },
    ),
    async (c) => c.json({ feedback: await listMyFeedback(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/reviews',
        tags: ['Feedback'],
        summary: 'The review queue: answers rated down, conversations handed off, unanswered questions',
        description:
          'Each item has the question, the answer and the passages the answer used (`misleadingPassage`: the one it leaned on most).',
        request: { query: reviewQueueQuery },
        responses: { 200: json(ReviewQueueResponse, 'Open items, the newest first'), ...ErrorResponses },
      },
      review,
    ),
    async (c) => c.json({ items: await reviewQueue(serviceContext(c), c.req.valid('query')) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/reviews/{id}/correct',
        tags: ['Feedback'],
        summary: 'Correct this answer: save the right answer as a Q&A pair and close the item',
        request: { params: idParam, ...body(correctAnswerInput) },
        responses: {
          201: json(CorrectedResponse, 'The Q&A pair, and the passage that misled the bot'),
          ...ErrorResponses,
        },
      },
      review,
    ),
    async (c) => c.json(await correctAnswer(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/reviews/{id}/resolve',
        tags: ['Feedback'],
        summary: 'Mark a review item reviewed or dismissed (it leaves the queue)',
        request: { params: idParam, ...body(resolveReviewInput) },
        responses: { 200: json(OkResponse, 'Done'), ...ErrorResponses },
      },
      review,
    ),
    async (c) => {
      await resolveReviewItem(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  );
  return app;
}
