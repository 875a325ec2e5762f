import { timingSafeEqual } from 'node:crypto';
import type { TelegramCredentials } from '../credentials';
import { splitRendered, toTelegram } from '../format';
import { channelApis } from '../settings';
import { callPlatform, PlatformError, retryAfter, type PlatformResponse } from './http';
import type { InboundMessage, PlatformAdapter } from './types';

/** Telegram's limit for one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;

const method = (credentials: TelegramCredentials, name: string) =>
  `${channelApis().telegram}/bot${encodeURIComponent(credentials.botToken).replace(/%3A/gi, ':')}/${name}`;

/** Bot API answers `{ ok, result }` or `{ ok: false, error_code, description, parameters? }`. */
function result(response: PlatformResponse): any {
  const body = response.body as {
    ok?: boolean;
    result?: unknown;
    description?: string;
    parameters?: { retry_after?: number };
  } | null;
  if (response.status < 300 && body?.ok) return body.result;
  const description = body?.description ?? `HTTP ${response.status}`;
  const retryable = response.status === 429 || response.status >= 500;
  throw new PlatformError(
    `Telegram: ${description}`,
    retryable,
    retryable ? retryAfter(response.headers, body?.parameters?.retry_after ?? null) : null,
    response.status,
  );
}

const call = async (credentials: TelegramCredentials, name: string, json?: unknown) =>
  result(await callPlatform(method(credentials, name), { json: json ?? {} }));

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

interface TelegramUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export const telegram: PlatformAdapter<TelegramCredentials> = {
  type: 'telegram',
  authenticate: (credentials, request) =>
    sameSecret(request.headers.get('x-telegram-bot-api-secret-token'), credentials.webhookSecret),
  parse(body) {
    const update = body as {
      update_id?: number;
      message?: { message_id: number; from?: TelegramUser; chat?: { id: number; type?: string }; text?: string };
    };
    const message = update?.message;
    if (typeof update?.update_id !== 'number' || !message?.chat || typeof message.text !== 'string') return [];
    if (message.from?.is_bot) return [];
    const from = message.from;
    const name = [from?.first_name, from?.last_name].filter(Boolean).join(' ');
    const parsed: InboundMessage = {
      externalId: String(update.update_id),
      threadKey: String(message.chat.id),
      text: message.text,
      profile: { ...(name && { name }), ...(from?.username && { username: from.username }) },
    };
    return [parsed];
  },
  async test(credentials) {
    const me = (await call(credentials, 'getMe')) as TelegramUser;
    return `Connected to @${me.username ?? me.first_name ?? me.id}`;
  },
  async connect(credentials, webhookUrl) {
    await call(credentials, 'setWebhook', {
      url: webhookUrl,
      secret_token: credentials.webhookSecret,
      allowed_updates: ['message'],
    });
  },
  format: (markdown) => splitRendered(markdown, TELEGRAM_MAX_TEXT, toTelegram),
  async send(credentials, threadKey, text) {
    await call(credentials, 'sendMessage', { chat_id: threadKey, text, parse_mode: 'MarkdownV2' });
  },
  async typing(credentials, threadKey) {
    await call(credentials, 'sendChatAction', { chat_id: threadKey, action: 'typing' });
  },
};
