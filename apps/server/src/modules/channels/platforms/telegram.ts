import { timingSafeEqual } from 'node:crypto';
import type { TelegramCredentials } from '../credentials';
import { splitRendered, toTelegram } from '../format';
import type { ChannelMedia } from '../schema';
import { channelApis, PLATFORM_TIMEOUT_MS } from '../settings';
import { downloadCapped, MediaTooLargeError } from './download';
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

interface TelegramFile {
  file_id: string;
  file_name?: string;
  mime_type?: string;
}

interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  chat?: { id: number; type?: string };
  text?: string;
  caption?: string;
  photo?: TelegramFile[];
  document?: TelegramFile;
  voice?: TelegramFile;
  audio?: TelegramFile;
}

/** A photo (the largest size Telegram offers: the last), a document, a voice note or audio. */
function mediaOf(message: TelegramMessage): ChannelMedia | undefined {
  const photo = message.photo?.at(-1);
  if (photo?.file_id) return { kind: 'image', ref: photo.file_id, name: 'photo.jpg' };
  const file = message.document ?? message.voice ?? message.audio;
  if (!file?.file_id) return undefined;
  const kind = message.document ? 'document' : 'audio';
  const name = file.file_name ?? (message.voice ? 'voice-note.ogg' : 'audio');
  return { kind, ref: file.file_id, name, ...(file.mime_type && { mimeType: file.mime_type }) };
}

/** A multipart Bot API call (a file upload), answered like any other. */
async function upload(credentials: TelegramCredentials, name: string, form: FormData): Promise<any> {
  let response: Response;
  try {
    response = await fetch(method(credentials, name), {
      method: 'POST',
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(PLATFORM_TIMEOUT_MS),
    });
  } catch (error) {
    throw new PlatformError(`The platform could not be reached (${(error as Error).name})`, true);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return result({ status: response.status, headers: response.headers, body });
}

export const telegram: PlatformAdapter<TelegramCredentials> = {
  type: 'telegram',
  authenticate: (credentials, request) =>
    sameSecret(request.headers.get('x-telegram-bot-api-secret-token'), credentials.webhookSecret),
  parse(body) {
    const update = body as { update_id?: number; message?: TelegramMessage };
    const message = update?.message;
    const media = message ? mediaOf(message) : undefined;
    if (typeof update?.update_id !== 'number' || !message?.chat) return [];
    if (typeof message.text !== 'string' && !media) return [];
    if (message.from?.is_bot) return [];
    const from = message.from;
    const name = [from?.first_name, from?.last_name].filter(Boolean).join(' ');
    const parsed: InboundMessage = {
      externalId: String(update.update_id),
      threadKey: String(message.chat.id),
      text: message.text ?? message.caption ?? '',
      profile: { ...(name && { name }), ...(from?.username && { username: from.username }) },
      ...(media && { media }),
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
    const sent = (await call(credentials, 'sendMessage', { chat_id: threadKey, text, parse_mode: 'MarkdownV2' })) as {
      message_id?: number;
    };
    return sent?.message_id === undefined ? undefined : String(sent.message_id);
  },
  async downloadMedia(credentials, media, maxBytes) {
    const file = (await call(credentials, 'getFile', { file_id: media.ref })) as {
      file_path?: string;
      file_size?: number;
    };
    if (!file.file_path) throw new PlatformError('Telegram: the file is not available', false);
    if ((file.file_size ?? 0) > maxBytes) throw new MediaTooLargeError(maxBytes);
    const token = encodeURIComponent(credentials.botToken).replace(/%3A/gi, ':');
    const path = file.file_path.split('/').map(encodeURIComponent).join('/');
    return downloadCapped(`${channelApis().telegram}/file/bot${token}/${path}`, {}, maxBytes);
  },
  async sendFile(credentials, threadKey, file) {
    const form = new FormData();
    form.set('chat_id', threadKey);
    const field = file.kind === 'image' ? 'photo' : 'document';
    form.set(field, new Blob([file.bytes], { type: file.mediaType }), file.name);
    if (file.caption) form.set('caption', file.caption.slice(0, 1024));
    const sent = (await upload(credentials, file.kind === 'image' ? 'sendPhoto' : 'sendDocument', form)) as {
      message_id?: number;
    };
    return sent?.message_id === undefined ? undefined : String(sent.message_id);
  },
  async typing(credentials, threadKey) {
    await call(credentials, 'sendChatAction', { chat_id: threadKey, action: 'typing' });
  },
};
