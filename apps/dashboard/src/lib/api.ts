/** The error envelope every API failure answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  const response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const envelope = (body as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      envelope?.code ?? 'http_error',
      envelope?.message ?? `The server answered ${response.status}.`,
      envelope?.requestId,
      envelope?.details,
    );
  }
  return body as T;
}
