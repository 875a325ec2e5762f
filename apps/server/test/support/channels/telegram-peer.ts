import type { IncomingMessage } from 'node:http';
import { startServer, type LocalServer } from '../fixtures/http-server';

const readRaw = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });

/** A file uploaded with sendPhoto or sendDocument (multipart/form-data, as Telegram takes it). */
export interface TelegramUpload {
  name: string;
  type: string;
  bytes: Buffer;
}

/** A Bot API call the peer received: `/bot<token>/<method>` with its JSON body. */
export interface TelegramCall {
  token: string;
  method: string;
  body: Record<string, any>;
  /** For sendPhoto/sendDocument: the uploaded file. */
  file?: TelegramUpload;
  /** The HTTP status the peer answered. */
  status: number;
}

interface Bot {
  id: number;
  username: string;
  webhook: { url: string; secretToken: string } | null;
}

/**
 * A local Telegram Bot API (https://core.telegram.org/bots/api): getMe, setWebhook,
 * sendMessage, sendChatAction, answering `{ok, result}` or `{ok: false, error_code,
 * description, parameters}` as Telegram does. It also plays Telegram's side of a webhook:
 * `deliver` POSTs an Update to the URL the bot set, with the secret token it set.
 */
export class TelegramPeer {
  readonly calls: TelegramCall[] = [];
  private readonly bots = new Map<string, Bot>();
  private readonly failures: { method: string; status: number; retryAfter?: number; description: string }[] = [];
  /** Files users sent, by file_id: what getFile and the file download serve. */
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private nextUpdateId = 100_000;
  private nextMessageId = 1;
  server!: LocalServer;

  static async start(): Promise<TelegramPeer> {
    const peer = new TelegramPeer();
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  get url(): string {
    return this.server.origin;
  }

  /** A bot the peer knows: its token. */
  addBot(username: string): string {
    const id = 6_000_000_000 + this.bots.size;
    const token = `${id}:AAH${username.padEnd(32, 'x').slice(0, 32)}`;
    this.bots.set(token, { id, username, webhook: null });
    return token;
  }

  webhookOf(token: string): { url: string; secretToken: string } | null {
    return this.bots.get(token)?.webhook ?? null;
  }

  /** The next call of `method` fails so (then calls succeed again). */
  failNext(method: string, status: number, description: string, retryAfter?: number): void {
    this.failures.push({ method, status, description, ...(retryAfter !== undefined && { retryAfter }) });
  }

  /** Messages the bot sent (accepted ones), optionally to one chat. */
  sent(token: string, chatId?: number): TelegramCall[] {
    return this.calls.filter(
      (c) =>
        c.token === token &&
        c.method === 'sendMessage' &&
        c.status === 200 &&
        (chatId === undefined || String(c.body.chat_id) === String(chatId)),
    );
  }

  /** A file a user sent: its file_id (getFile gives its path; /file/bot<token>/<path> its bytes). */
  addFile(bytes: Buffer, path: string): string {
    const fileId = `AgACAgIAAxkBAAI${this.files.size}${'x'.repeat(20)}`;
    this.files.set(fileId, { path, bytes });
    return fileId;
  }

  /** A message Update carrying a photo, document or voice note, with an optional caption. */
  mediaUpdate(
    from: { id: number; first_name: string; username?: string },
    media:
      | { photo: string }
      | { document: string; file_name: string; mime_type: string }
      | { voice: string; mime_type?: string },
    caption?: string,
  ) {
    const update = this.update(from, '') as { update_id: number; message: Record<string, unknown> };
    delete update.message.text;
    if (caption) update.message.caption = caption;
    if ('photo' in media) {
      const size = this.files.get(media.photo)?.bytes.length ?? 0;
      update.message.photo = [
        { file_id: `${media.photo}thumb`, file_unique_id: 'AQADthumb', width: 90, height: 90, file_size: 100 },
        { file_id: media.photo, file_unique_id: 'AQADfull', width: 800, height: 800, file_size: size },
      ];
    } else if ('document' in media) {
      update.message.document = {
        file_id: media.document,
        file_unique_id: 'AgADdoc',
        file_name: media.file_name,
        mime_type: media.mime_type,
      };
    } else {
      update.message.voice = {
        file_id: media.voice,
        file_unique_id: 'AgADvoice',
        duration: 3,
        mime_type: media.mime_type ?? 'audio/ogg',
      };
    }
    return update;
  }

  /** Files the bot sent (sendPhoto, sendDocument), optionally to one chat. */
  uploads(token: string, chatId?: number): TelegramCall[] {
    return this.calls.filter(
      (c) =>
        c.token === token &&
        (c.method === 'sendPhoto' || c.method === 'sendDocument') &&
        c.status === 200 &&
        (chatId === undefined || String(c.body.chat_id) === String(chatId)),
    );
  }

  /** A text message Update from a user, as Telegram sends it. */
  update(from: { id: number; first_name: string; username?: string }, text: string, updateId = this.nextUpdateId++) {
    return {
      update_id: updateId,
      message: {
        message_id: this.nextMessageId++,
        from: { id: from.id, is_bot: false, first_name: from.first_name, username: from.username, language_code: 'en' },
        chat: { id: from.id, first_name: from.first_name, username: from.username, type: 'private' },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    };
  }

  /** POSTs an Update to the bot's webhook the way Telegram does; `secret` overrides the header (null: none). */
  async deliver(token: string, update: unknown, secret?: string | null): Promise<Response> {
    const hook = this.webhookOf(token);
    if (!hook) throw new Error('This bot has no webhook set');
    const header = secret === undefined ? hook.secretToken : secret;
    return fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(header !== null && { 'x-telegram-bot-api-secret-token': header }),
      },
      body: JSON.stringify(update),
    });
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (download) {
      const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(download[2]!));
      if (!this.bots.has(decodeURIComponent(download[1]!)) || !file) return res.writeHead(404).end('Not Found');
      return res.writeHead(200, { 'content-length': String(file.bytes.length) }).end(file.bytes);
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const rawBytes = await readRaw(req);
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const raw = multipart ? '' : rawBytes.toString('utf8');
    let call: TelegramCall | null = null;
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (call) call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    if (!match) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    let body: Record<string, any> = raw.length ? (JSON.parse(raw) as Record<string, any>) : {};
    let upload: TelegramUpload | undefined;
    if (multipart) {
      const form = await new Request('http://peer/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: rawBytes,
      }).formData();
      body = {};
      for (const [key, value] of form) {
        if (typeof value === 'string') body[key] = value;
        else upload = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
      }
    }
    call = { token: decodeURIComponent(token), method, body, status: 0, ...(upload && { file: upload }) };
    this.calls.push(call);
    const bot = this.bots.get(decodeURIComponent(token));
    if (!bot) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      return reply(
        f.status,
        {
          ok: false,
          error_code: f.status,
          description: f.description,
          ...(f.retryAfter !== undefined && { parameters: { retry_after: f.retryAfter } }),
        },
        f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
      );
    }
    switch (method) {
      case 'getMe':
        return reply(200, {
          ok: true,
          result: { id: bot.id, is_bot: true, first_name: bot.username, username: bot.username },
        });
      case 'setWebhook':
        bot.webhook = { url: body.url, secretToken: body.secret_token };
        return reply(200, { ok: true, result: true, description: 'Webhook was set' });
      case 'getFile': {
        const file = this.files.get(String(body.file_id));
        if (!file) return reply(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return reply(200, {
          ok: true,
          result: {
            file_id: body.file_id,
            file_unique_id: 'AQADf',
            file_size: file.bytes.length,
            file_path: file.path,
          },
        });
      }
      case 'sendPhoto':
      case 'sendDocument':
        if (!upload || !body.chat_id)
          return reply(400, {
            ok: false,
            error_code: 400,
            description: 'Bad Request: there is no file in the request',
          });
        return reply(200, {
          ok: true,
          result: { message_id: this.nextMessageId++, chat: { id: Number(body.chat_id), type: 'private' }, date: 0 },
        });
      case 'sendChatAction':
        return reply(200, { ok: true, result: true });
      case 'sendMessage':
        if (typeof body.text !== 'string' || body.text.length > 4096)
          return reply(400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' });
        if (body.parse_mode === 'MarkdownV2' && unescaped(body.text))
          return reply(400, {
            ok: false,
            error_code: 400,
            description: `Bad Request: can't parse entities: character '${unescaped(body.text)}' is reserved and must be escaped with the preceding '\\'`,
          });
        return reply(200, {
          ok: true,
          result: {
            message_id: this.nextMessageId++,
            chat: { id: Number(body.chat_id), type: 'private' },
            date: Math.floor(Date.now() / 1000),
            text: body.text,
          },
        });
      default:
        return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    }
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

/**
 * The first reserved character MarkdownV2 would refuse outside entities (Telegram checks
 * this too): enough to catch an unescaped `.` `-` `!` or `(`.
 */
function unescaped(text: string): string | null {
  let inCode = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (!inCode && text.startsWith('](', i)) {
      // A link's address: only ) and \ are escaped there.
      while (i < text.length && text[i] !== ')') i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (ch === '`') inCode = !inCode;
    if (inCode) continue;
    if ('.-!#+=|{}>'.includes(ch)) return ch;
  }
  return null;
}
