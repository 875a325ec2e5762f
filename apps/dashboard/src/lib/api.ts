import { ApiError } from '@switchboard/contract/client';

// One error class for both the typed client and the few raw calls left (uploads, downloads).
export { ApiError };

/** The error envelope every API failure answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Serialised as the JSON body. */
  json?: unknown;
  body?: BodyInit | null;
  /** Sent as X-Workspace-Id for workspace-scoped routes. */
  workspaceId?: string;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, workspaceId, ...rest } = init;
  const headers = new Headers(rest.headers);
  const body = json === undefined ? rest.body : JSON.stringify(json);
  if (body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  if (workspaceId) headers.set('X-Workspace-Id', workspaceId);
  headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(path, { ...rest, body, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
      undefined,
    );
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const envelope = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      envelope?.code ?? 'http_error',
      envelope?.message ?? `The server answered ${response.status}.`,
      envelope?.requestId,
      envelope?.details,
    );
  }
  return parsed as T;
}

/** POST with a JSON body, the most common call. */
export function post<T>(path: string, json: unknown = {}, init: ApiInit = {}): Promise<T> {
  return api<T>(path, { ...init, method: 'POST', json });
}
