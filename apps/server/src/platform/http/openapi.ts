import type { z } from '@hono/zod-openapi';
import { ErrorEnvelope } from '@switchboard/contract/errors';

/** The error envelope, as documented in the OpenAPI document (its schema is the contract's). */
export { ErrorEnvelope };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorEnvelope } },
});

/** The failures every authenticated route can answer with. */
export const ErrorResponses = {
  400: errorResponse('Malformed JSON, or the body or query does not validate'),
  401: errorResponse('No valid session or API key'),
  403: errorResponse('The role or key scopes do not allow this, or the workspace is suspended'),
  404: errorResponse('Not found (also: another workspace’s resource)'),
  429: errorResponse('Rate limited; see Retry-After'),
} as const;

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
