import type { z } from '@hono/zod-openapi';
import { conversationParams, keyParam } from '@switchboard/contract/widget';
import { ErrorEnvelope, json } from '../../platform/http/openapi';

export const WIDGET_API = '/api/widget/v1';
export const tags = ['Widget (public)'];

export { conversationParams, keyParam };

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const error = (description: string) => json(ErrorEnvelope, description);

/** What every widget call can answer with besides its own result. */
export const WidgetErrors = {
  400: error('Malformed JSON, or the body or query does not validate'),
  401: error('No, a forged or an expired visitor token (`invalid_visitor_token`, `visitor_token_expired`)'),
  403: error(
    'The page’s origin is not allowed (`origin_not_allowed`), or the workspace is suspended (`workspace_suspended`)',
  ),
  404: error('Unknown publishable key, or a conversation that is not this visitor’s'),
  429: error('Rate limited (per visitor and per address); see Retry-After'),
} as const;

export const publicAccess = { auth: 'public' } as const;
