export interface Api {
  url: string;
  headers: Record<string, string>;
}

/** One JSON call to a benchmark's server: GET without a body, POST with one; a failure throws. */
export async function call<T>(api: Api, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: api.headers,
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
