import { UnsupportedMediaTypeError } from '../../../platform/errors';

/**
 * What goes in and out of the auth library on the wire.
 *
 * In: JSON only. The library also parses form-encoded bodies on some routes (sign-in,
 * sign-up), and every guard in front of it (the account lockout above all) would have to
 * read each encoding exactly as it does. Refusing the others is the simpler rule to get
 * right: one encoding, read one way, and no route here that a form on another site can post
 * to without a CORS preflight. The dashboard only ever sends JSON. OAuth callbacks are the
 * exception: a provider may post its answer as a form, and no password rides on it.
 */
export function assertJsonBody(path: string, contentType: string | undefined, body: ArrayBuffer | undefined): void {
  if (!body || body.byteLength === 0 || path.startsWith('/callback/')) return;
  // The media type compared as the library compares it (case and parameters aside).
  const mediaType = (contentType ?? '').toLowerCase().split(';')[0]!.trim();
  if (mediaType !== 'application/json') throw new UnsupportedMediaTypeError('application/json');
}

/**
 * Out: session tokens stay in their httpOnly cookie. The library also puts them in JSON
 * bodies (sign-in, two-factor checks, session reads, stop-impersonating, password change),
 * where any script on the page, an extension or a logging proxy can read them.
 */
export async function withoutSessionTokens(response: Response): Promise<Response> {
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return response;
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return response;
  }
  if (!body || typeof body !== 'object') return response;
  const record = body as { token?: unknown; session?: { token?: unknown } | null };
  const session = record.session && typeof record.session === 'object' ? record.session : null;
  if (!('token' in record) && !(session && 'token' in session)) return response;
  delete record.token;
  if (session) delete session.token;
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'content-length') headers.set(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(JSON.stringify(record), { status: response.status, statusText: response.statusText, headers });
}
