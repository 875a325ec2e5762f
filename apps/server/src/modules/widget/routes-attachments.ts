import { ATTACHMENT_FORM_SCHEMA, attachmentParams, WidgetAttachmentResponse } from '@switchboard/contract/widget';
import type { Context } from 'hono';
import type { Config } from '../../platform/config';
import { route, serviceContext } from '../../platform/http/access';
import { uploadedForm } from '../../platform/http/multipart';
import type { App, AppEnv } from '../../platform/http/env';
import { ErrorEnvelope, ErrorResponses, json } from '../../platform/http/openapi';
import { addAttachment, attachmentView, readAttachment } from './attachments';
import type { WidgetAttachmentRow } from './schema';
import { conversationParams, publicAccess, tags, WIDGET_API, WidgetErrors } from './route-helpers';
import { visitorCall, widgetGate, type GateDeps } from './widget-gate';
import { createRouter } from '../../platform/http/router';

export const ATTACHMENT_UPLOAD = /^\/api\/widget\/v1\/[^/]+\/conversations\/[^/]+\/attachments$/;

const fileBody = {
  body: {
    required: true,
    content: { 'multipart/form-data': { schema: ATTACHMENT_FORM_SCHEMA } },
  },
};

/**
 * The bytes of an attachment, as inert as they can be: the type we detected (never the
 * uploader's), no sniffing, no scripts, files downloaded rather than shown.
 */
export function sendAttachment(c: Context<AppEnv>, row: WidgetAttachmentRow, bytes: Buffer): Response {
  const disposition = row.kind === 'image' ? 'inline' : 'attachment';
  c.header('Content-Type', row.mediaType);
  c.header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(row.name)}`);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; sandbox");
  c.header('Cache-Control', 'private, max-age=300');
  return c.body(new Uint8Array(bytes), 200);
}

export function attachmentRoutes(config: Config, gate: GateDeps): App {
  const app = createRouter();
  const visitor = [widgetGate(gate, { token: true })];
  app.openapi(
    route(
      {
        method: 'post',
        path: `${WIDGET_API}/{key}/conversations/{id}/attachments`,
        tags,
        summary: 'Attach a file or image (within the widget’s limits); then mention it in a message',
        description:
          'multipart/form-data, field `file`. The type is read from the content: images (PNG, JPEG, GIF, WebP) and PDF, Word, text, Markdown, CSV or JSON files. Reference it in a message as `[📎 name](attachment:<id>)`; the widget shows it there.',
        request: { params: conversationParams, ...fileBody },
        middleware: visitor,
        responses: {
          201: json(WidgetAttachmentResponse, 'Stored'),
          409: json(ErrorEnvelope, 'Attachments are off'),
          413: json(ErrorEnvelope, 'Over the limit'),
          ...WidgetErrors,
        },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims, widget } = visitorCall(c);
      const { file } = await uploadedForm(c);
      const row = await addAttachment(
        ctx,
        claims.c,
        { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
        { ...widget.config.attachments, hardLimitBytes: config.WIDGET_MAX_ATTACHMENT_BYTES },
      );
      return c.json({ attachment: attachmentView(row) }, 201);
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: `${WIDGET_API}/{key}/conversations/{id}/attachments/{attachmentId}`,
        tags,
        summary: 'An attachment of this conversation',
        request: { params: attachmentParams },
        middleware: visitor,
        responses: { 200: { description: 'The file' }, ...WidgetErrors },
      },
      publicAccess,
    ),
    async (c) => {
      const { ctx, claims } = visitorCall(c);
      const { row, bytes } = await readAttachment(ctx, claims.c, c.req.valid('param').attachmentId);
      return sendAttachment(c, row, bytes) as never;
    },
  );
  app.openapi(
    route(
      {
        method: 'get',
        path: '/api/v1/conversations/{id}/attachments/{attachmentId}',
        tags: ['Conversations'],
        summary: 'A file or image a visitor attached to the conversation',
        request: { params: attachmentParams.omit({ key: true }) },
        responses: { 200: { description: 'The file' }, ...ErrorResponses },
      },
      { auth: 'workspace', permission: 'conversations.read' },
    ),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const { row, bytes } = await readAttachment(serviceContext(c), id, attachmentId);
      return sendAttachment(c, row, bytes) as never;
    },
  );
  return app;
}
