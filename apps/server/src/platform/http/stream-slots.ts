import { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { LimitExceededError } from '../errors';
import { reportSecurityEvent } from '../security-events';
import { addressBucket } from './address-bucket';
import type { AppEnv } from './env';
import type { StreamClaim } from './stream-slot-counter';

// The counter itself knows nothing of requests (the request context refers to it).
export {
  createStreamSlots,
  StreamSlots,
  type StreamClaim,
  type StreamLimits,
  type StreamScope,
} from './stream-slot-counter';

/** What a request's stream counts against: its caller (visitor, member or API key) and its address. */
export function streamClaims(c: Context<AppEnv>): StreamClaim[] {
  const claims: StreamClaim[] = [{ scope: 'address', key: addressBucket(c.get('ip') ?? 'unknown') }];
  const actor = c.get('actor');
  if (actor?.type === 'visitor')
    claims.push({ scope: 'visitor', key: `${c.get('tenantId') ?? ''}:${actor.visitorId}` });
  else if (actor?.type === 'apiKey') claims.push({ scope: 'apiKey', key: actor.keyId });
  else if (actor?.type === 'user' || actor?.type === 'platformAdmin')
    claims.push({ scope: 'member', key: actor.userId });
  return claims;
}

/** Node's response behind a request, when it came over HTTP (not `app.request`). */
export function nodeResponse(c: Context): ServerResponse | null {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : null;
}

/**
 * Holds a stream slot for this request (throws 429/503 when there is none). The slot is given
 * back by the returned release, and in any case when the HTTP response closes (finished, the
 * client gone, the server closing its connections), whichever comes first, once.
 */
export function holdStreamSlot(c: Context): () => void {
  const app = c as unknown as Context<AppEnv>;
  const slots = app.get('streamSlots');
  // Only an app built without createApp (a bare Hono app in a unit test) has none.
  if (!slots) return () => undefined;
  let release: () => void;
  try {
    release = slots.acquire(streamClaims(app));
  } catch (refusal) {
    reportSecurityEvent({
      kind: 'rate_limited',
      ip: app.get('ip'),
      detail: {
        path: c.req.path,
        limiter: 'streams',
        ...((refusal as LimitExceededError).details as Record<string, unknown> | undefined),
      },
    });
    throw refusal;
  }
  const response = nodeResponse(c);
  if (response) {
    if (response.closed) release();
    else response.once('close', release);
  }
  return release;
}
