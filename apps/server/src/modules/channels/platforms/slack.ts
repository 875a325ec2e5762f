import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SlackCredentials } from '../credentials';
import type { ChannelProfile } from '../schema';
import { splitRendered, toSlack } from '../format';
import { channelApis } from '../settings';
import { callPlatform, PlatformError, retryAfter, type PlatformResponse } from './http';
import type { InboundMessage, PlatformAdapter, WebhookRequest } from './types';

/** Slack truncates longer texts and advises staying under 4,000 characters per message. */
export const SLACK_MAX_TEXT = 4000;
/** A signed request older (or newer) than this is refused: a replay, not a delivery. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;
/** Web API errors that mean "not now" rather than "never". */
const RETRYABLE = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Web API answers HTTP 200 `{ ok: false, error }` for refusals, 429 with Retry-After for rate limits. */
function result(response: PlatformResponse): any {
  const body = response.body as { ok?: boolean; error?: string } | null;
  if (response.status < 300 && body?.ok) return body;
  const error = body?.error ?? `HTTP ${response.status}`;
  const retryable = response.status === 429 || response.status >= 500 || RETRYABLE.has(error);
  throw new PlatformError(
    `Slack: ${error}`,
    retryable,
    retryable ? retryAfter(response.headers) : null,
    response.status,
  );
}

const call = async (credentials: SlackCredentials, method: string, json: unknown = {}) =>
  result(
    await callPlatform(`${channelApis().slack}/${method}`, {
      headers: { authorization: `Bearer ${credentials.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      json,
    }),
  );

/**
 * `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{timestamp}:{raw body}">` with the signing
 * secret, and `X-Slack-Request-Timestamp` within five minutes of now: a captured request
 * replayed later is refused even though its signature is genuine.
 */
export function slackSignatureValid(signingSecret: string, request: WebhookRequest, now = Date.now()): boolean {
  const timestamp = request.headers.get('x-slack-request-timestamp') ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > SLACK_MAX_SKEW_SECONDS) return false;
  const match = /^v0=([0-9a-f]{64})$/i.exec((request.headers.get('x-slack-signature') ?? '').trim());
  if (!match) return false;
  const expected = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${request.rawBody}`, 'utf8').digest();
  return timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected);
}

/** users.info answers per bot and user, kept a while: one lookup per person, not per message. */
const PROFILE_TTL_MS = 60 * 60 * 1000;
const PROFILE_CACHE_SIZE = 1000;
const profiles = new Map<string, { profile: ChannelProfile; at: number }>();

async function lookUpUser(credentials: SlackCredentials, userId: string): Promise<ChannelProfile> {
  const key = `${credentials.botToken}:${userId}`;
  const cached = profiles.get(key);
  if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
  // users.info takes query arguments, not JSON.
  const response = await callPlatform(`${channelApis().slack}/users.info?user=${encodeURIComponent(userId)}`, {
    headers: { authorization: `Bearer ${credentials.botToken}` },
  });
  const user = (
    result(response) as {
      user?: { name?: string; real_name?: string; profile?: { real_name?: string; display_name?: string } };
    }
  ).user;
  const name = user?.profile?.real_name || user?.real_name || user?.profile?.display_name;
  const profile: ChannelProfile = { userId, ...(name && { name }), ...(user?.name && { username: user.name }) };
  if (profiles.size >= PROFILE_CACHE_SIZE) profiles.delete(profiles.keys().next().value!);
  profiles.set(key, { profile, at: Date.now() });
  return profile;
}

interface SlackEvent {
  type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
  thread_ts?: string;
}

/**
 * A thread is one conversation: `channel:thread_ts`, or `channel:ts` for a message that starts
 * one (the answer opens its thread). A direct message outside a thread belongs to the DM
 * itself (`channel`): a DM is one conversation, answered in place.
 */
function threadKeyOf(event: SlackEvent): string {
  if (event.thread_ts) return `${event.channel}:${event.thread_ts}`;
  return event.channel_type === 'im' ? event.channel! : `${event.channel}:${event.ts}`;
}

export const slack: PlatformAdapter<SlackCredentials> = {
  type: 'slack',
  authenticate: (credentials, request) => slackSignatureValid(credentials.signingSecret, request),
  challenge(body) {
    const payload = body as { type?: string; challenge?: unknown } | null;
    return payload?.type === 'url_verification' && typeof payload.challenge === 'string' ? payload.challenge : null;
  },
  parse(body) {
    const payload = body as { type?: string; event_id?: string; event?: SlackEvent } | null;
    const event = payload?.event;
    if (payload?.type !== 'event_callback' || !event) return [];
    if (event.type !== 'message' && event.type !== 'app_mention') return [];
    // Bots (ours included) and edits, joins, deletions are not customer messages: never answer them.
    if (event.bot_id || event.subtype) return [];
    if (!event.user || !event.channel || !event.ts || typeof event.text !== 'string') return [];
    // A mention of the bot is addressing, not content.
    const text = event.text.replace(/^\s*<@[A-Z0-9]+>\s*/, '').trim();
    if (!text) return [];
    const parsed: InboundMessage = {
      // The message, not the event: Slack's `message` and `app_mention` events for one message
      // carry different event_ids, and a redelivery (X-Slack-Retry-Num) the same channel and ts.
      externalId: `${event.channel}:${event.ts}`,
      threadKey: threadKeyOf(event),
      text,
      profile: { userId: event.user },
    };
    return [parsed];
  },
  async test(credentials) {
    const me = (await call(credentials, 'auth.test')) as { user?: string; team?: string; user_id?: string };
    return `Connected to @${me.user ?? me.user_id ?? 'bot'}${me.team ? ` in ${me.team}` : ''}`;
  },
  identify: async (credentials, profile) =>
    profile.userId ? { ...profile, ...(await lookUpUser(credentials, profile.userId)) } : profile,
  format: (markdown) => splitRendered(markdown, SLACK_MAX_TEXT, toSlack),
  async send(credentials, threadKey, text) {
    const [channel, threadTs] = threadKey.split(':');
    await call(credentials, 'chat.postMessage', {
      channel,
      text,
      ...(threadTs && { thread_ts: threadTs }),
      unfurl_links: false,
    });
  },
};
