import createFetchClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './generated/api';

export type { components, operations, paths } from './generated/api';

/** A named schema of the OpenAPI document, as JSON (dates are ISO strings): `Schema<'Agent'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * Answers typed as their JSON bodies: routes that can also stream (a chat answer with
 * `Accept: text/event-stream`) are read as JSON here; stream with fetch and an SSE parser,
 * typing the events with ChatTurnEvent and the like.
 */
export type SwitchboardClient = Client<paths, 'application/json'>;

export interface SwitchboardClientOptions extends Omit<ClientOptions, 'headers'> {
  /** The installation's address, e.g. `https://support.example.com` (same origin when omitted). */
  baseUrl?: string;
  /** A workspace API key (`sb_live_…`), sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** The workspace of a signed-in person's requests (`X-Workspace-Id`); an API key implies its own. */
  workspaceId?: string;
  headers?: Record<string, string>;
}

/**
 * A typed client of the REST API: paths, parameters, bodies and answers are checked against
 * the OpenAPI document, e.g. `await client.GET('/api/v1/agents/{id}', { params: { path: { id } } })`
 * answers `{ data, error, response }` with `data` typed as the route's 2xx body and `error` as
 * the error envelope.
 */
export function createClient({
  apiKey,
  workspaceId,
  headers,
  ...options
}: SwitchboardClientOptions = {}): SwitchboardClient {
  return createFetchClient<paths, 'application/json'>({
    ...options,
    headers: {
      ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
      ...(workspaceId ? { 'X-Workspace-Id': workspaceId } : {}),
      ...headers,
    },
  });
}

/** A failed call: the error envelope's fields with the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface Envelope {
  error?: { code?: unknown; message?: unknown; requestId?: unknown; details?: unknown };
}

/**
 * The data of a call, or its failure thrown as an ApiError (for code that prefers
 * exceptions, like TanStack Query's query functions): `await unwrap(client.GET(...))`.
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<R>,
): Promise<Exclude<R['data'], undefined>> {
  const { data, error, response } = await pending;
  if (error === undefined && response.ok) return data as Exclude<R['data'], undefined>;
  const envelope = (error as Envelope | undefined)?.error;
  throw new ApiError(
    response.status,
    typeof envelope?.code === 'string' ? envelope.code : 'http_error',
    typeof envelope?.message === 'string' ? envelope.message : `The server answered ${response.status}.`,
    typeof envelope?.requestId === 'string' ? envelope.requestId : undefined,
    envelope?.details,
  );
}
