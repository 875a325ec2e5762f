import type { z } from '@hono/zod-openapi';
import { ConversationResponse, MessageResponse, typingInput } from '@switchboard/contract/chat';
import { idParam } from '@switchboard/contract/common';
import {
  assignInput,
  DetailSchema,
  DraftResponse,
  InboxPageResponse,
  inboxQuery,
  markReadInput,
  NoteResponse,
  noteInput,
  replyInput,
} from '@switchboard/contract/inbox';
import { route, serviceContext } from '../../platform/http/access';
import type { App } from '../../platform/http/env';
import { ErrorResponses, json } from '../../platform/http/openapi';
import { createRouter } from '../../platform/http/router';
import { conversationView, messageView, type ConversationRow } from '../chat';
import { actingMember } from './common';
import { draftReply } from './copilot/draft';
import { conversationDetail } from './detail';
import { listInbox } from './list';
import { addNote, noteView } from './notes';
import { assignConversation, closeConversation, releaseConversation, reopenConversation, takeOver } from './ownership';
import { markRead } from './reads';
import { announceMemberTyping, sendHumanReply } from './reply';
import { writeSummaryNote } from './summary-job';

export const READ = { auth: 'workspace', permission: 'conversations.read', sessionOnly: true } as const;
export const REPLY = { auth: 'workspace', permission: 'conversations.reply', sessionOnly: true } as const;
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const one = json(ConversationResponse, 'The conversation as it now is');
const tags = ['Inbox'];

type Action = (ctx: ReturnType<typeof serviceContext>, id: string) => Promise<ConversationRow>;
const ACTIONS: Array<[string, string, Action]> = [
  ['takeover', 'Take the conversation over: it is yours, the bot stays silent, a summary note follows', takeOver],
  ['release', 'Hand the conversation back to the bot', releaseConversation],
  ['close', 'Close the conversation', closeConversation],
  ['reopen', 'Reopen a closed conversation (it becomes yours)', reopenConversation],
];

export function inboxConversationRoutes(): App {
  const app = createRouter();
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/conversations',
        tags,
        summary: 'The inbox: conversations by latest activity, with your unread counts',
        request: { query: inboxQuery },
        responses: { 200: json(InboxPageResponse, 'A page'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json(await listInbox(serviceContext(c), c.req.valid('query')), 200),
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/inbox/conversations/{id}',
        tags,
        summary: 'A conversation with its history, notes, transitions, visitor and leads',
        request: { params: idParam },
        responses: { 200: json(DetailSchema, 'The conversation'), ...ErrorResponses },
      },
      READ,
    ),
    async (c) => c.json((await conversationDetail(serviceContext(c), c.req.valid('param').id)) as never, 200),
  );
  for (const [verb, summary, action] of ACTIONS) {
    app.openapi(
      route(
        {
          method: 'post',
          path: `/api/v1/inbox/conversations/{id}/${verb}`,
          tags,
          summary,
          request: { params: idParam },
          responses: { 200: one, ...ErrorResponses },
        },
        REPLY,
      ),
      async (c) =>
        c.json({ conversation: conversationView(await action(serviceContext(c), c.req.valid('param').id)) }, 200),
    );
  }
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/assign',
        tags,
        summary: 'Give the conversation to a member, or back to the queue (userId null)',
        request: { params: idParam, ...body(assignInput) },
        responses: { 200: one, ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) =>
      c.json(
        {
          conversation: conversationView(
            await assignConversation(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
          ),
        },
        200,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/messages',
        tags,
        summary: 'Reply to the visitor as yourself (takes over a conversation nobody owns)',
        request: { params: idParam, ...body(replyInput) },
        responses: { 201: json(MessageResponse, 'Sent'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) =>
      c.json(
        { message: messageView(await sendHumanReply(serviceContext(c), c.req.valid('param').id, c.req.valid('json'))) },
        201,
      ),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/notes',
        tags,
        summary: 'Add an internal note (never shown to the visitor)',
        request: { params: idParam, ...body(noteInput) },
        responses: { 201: json(NoteResponse, 'Added'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) =>
      c.json({ note: noteView(await addNote(serviceContext(c), c.req.valid('param').id, c.req.valid('json'))) }, 201),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/typing',
        tags,
        summary: 'You are typing (the visitor sees it; never stored)',
        request: { params: idParam, ...body(typingInput) },
        responses: { 204: { description: 'Announced' }, ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) => {
      await announceMemberTyping(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/read',
        tags,
        summary: 'Mark the conversation read up to a message (the latest by default)',
        request: { params: idParam, ...body(markReadInput) },
        responses: { 204: { description: 'Marked' }, ...ErrorResponses },
      },
      READ,
    ),
    async (c) => {
      await markRead(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/draft',
        tags,
        summary: 'Co-pilot: a reply drafted from the knowledge, with citations, to edit before sending',
        request: { params: idParam },
        responses: { 200: json(DraftResponse, 'A draft'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) => c.json({ draft: await draftReply(serviceContext(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(
    route(
      {
        method: 'post',
        path: '/api/v1/inbox/conversations/{id}/summary',
        tags,
        summary: 'Co-pilot: summarize the conversation now (saved as a summary note)',
        request: { params: idParam },
        responses: { 201: json(NoteResponse, 'The summary note'), ...ErrorResponses },
      },
      REPLY,
    ),
    async (c) => {
      const ctx = serviceContext(c);
      const note = await writeSummaryNote(ctx, c.req.valid('param').id, { authorId: actingMember(ctx) });
      return c.json({ note: noteView(note!) }, 201);
    },
  );
  return app;
}
