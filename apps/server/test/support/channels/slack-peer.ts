import { createHmac, randomBytes } from 'node:crypto';
import { readBody, startServer, type LocalServer } from '../fixtures/http-server';

/** A Web API call the peer received: `/api/<method>` with its JSON body. */
export interface SlackCall {
  method: string;
  authorization: string;
  body: Record<string, any>;
  /** The HTTP status the peer answered. */
  status: number;
}

export interface SlackApp {
  botToken: string;
  signingSecret: string;
  team: string;
  botUserId: string;
}

/**
 * A local Slack Web API (https://api.slack.com/web): auth.test and chat.postMessage, answering
 * `{ ok: true, … }`, `{ ok: false, error }` (HTTP 200) or 429 with Retry-After, as Slack does.
 * It also plays Slack's side of the Events API: `url_verification` and `event_callback`
 * deliveries signed the v0 way (`X-Slack-Signature`, `X-Slack-Request-Timestamp`).
 */
export class SlackPeer {
  readonly calls: SlackCall[] = [];
  private readonly apps = new Map<string, SlackApp>();
  /** People of the Slack workspace users.info knows: id → real name and handle. */
  private readonly users = new Map<string, { realName: string; name: string }>();
  private readonly failures: { method: string; status: number; error: string; retryAfter?: number }[] = [];
  private nextTs = 1_700_000_000;
  private nextEvent = 1;
  server!: LocalServer;

  static async start(): Promise<SlackPeer> {
    const peer = new SlackPeer();
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  /** The Web API's base address (SLACK_API_URL). */
  get url(): string {
    return `${this.server.origin}/api`;
  }

  addApp(team: string): SlackApp {
    const app = {
      botToken: `xoxb-${this.apps.size + 1}-${randomBytes(12).toString('hex')}`,
      signingSecret: randomBytes(16).toString('hex'),
      team,
      botUserId: `UBOT${this.apps.size + 1}`,
    };
    this.apps.set(app.botToken, app);
    return app;
  }

  addUser(id: string, realName: string, name: string): void {
    this.users.set(id, { realName, name });
  }

  /** The next call of `method` fails so (then calls succeed again). */
  failNext(method: string, status: number, error: string, retryAfter?: number): void {
    this.failures.push({ method, status, error, ...(retryAfter !== undefined && { retryAfter }) });
  }

  /** Messages posted (accepted ones) with a bot token, optionally in one channel and thread. */
  posted(botToken: string, channel?: string, threadTs?: string): SlackCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.status === 200 &&
        c.authorization === `Bearer ${botToken}` &&
        (channel === undefined || c.body.channel === channel) &&
        (threadTs === undefined || c.body.thread_ts === threadTs),
    );
  }

  /** A new message timestamp, as Slack gives them (`seconds.micro`). */
  ts(): string {
    return `${this.nextTs++}.000100`;
  }

  /** An `event_callback` envelope with a message event from a person, as Slack sends it. */
  message(
    event: { user: string; channel: string; text: string; ts?: string; thread_ts?: string; channel_type?: string },
    type: 'message' | 'app_mention' = 'message',
    extra: Record<string, unknown> = {},
  ) {
    return {
      token: 'deprecated-verification-token',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event: {
        type,
        user: event.user,
        text: event.text,
        ts: event.ts ?? this.ts(),
        channel: event.channel,
        channel_type: event.channel_type ?? 'channel',
        event_ts: event.ts ?? String(this.nextTs),
        ...(event.thread_ts && { thread_ts: event.thread_ts }),
        ...extra,
      },
      type: 'event_callback',
      event_id: `Ev${String(this.nextEvent++).padStart(8, '0')}`,
      event_time: Math.floor(Date.now() / 1000),
    };
  }

  /** The v0 signature of a body at a timestamp. */
  static sign(signingSecret: string, timestamp: string, raw: string): string {
    return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
  }

  /**
   * POSTs an Events API payload the way Slack does: signed with the app's signing secret at
   * `at` (seconds; now by default). `signature: null` sends none; a string replaces it.
   */
  deliver(
    url: string,
    signingSecret: string,
    payload: unknown,
    options: { at?: number; signature?: string | null; retryNum?: number } = {},
  ): Promise<Response> {
    const raw = JSON.stringify(payload);
    const timestamp = String(options.at ?? Math.floor(Date.now() / 1000));
    const signature =
      options.signature === undefined ? SlackPeer.sign(signingSecret, timestamp, raw) : options.signature;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': timestamp,
        ...(signature !== null && { 'x-slack-signature': signature }),
        ...(options.retryNum !== undefined && {
          'x-slack-retry-num': String(options.retryNum),
          'x-slack-retry-reason': 'http_timeout',
        }),
      },
      body: raw,
    });
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://peer');
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1] ?? '';
    const call: SlackCall = {
      method,
      authorization: String(req.headers.authorization ?? ''),
      body: raw ? (JSON.parse(raw) as Record<string, any>) : Object.fromEntries(url.searchParams),
      status: 0,
    };
    this.calls.push(call);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
        .end(JSON.stringify(body));
    };
    const app = this.apps.get(call.authorization.replace(/^Bearer /, ''));
    if (!app) return reply(200, { ok: false, error: 'invalid_auth' });
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const f = this.failures.splice(failure, 1)[0]!;
      return reply(
        f.status,
        { ok: false, error: f.error },
        f.retryAfter !== undefined ? { 'retry-after': String(f.retryAfter) } : {},
      );
    }
    switch (method) {
      case 'auth.test':
        return reply(200, {
          ok: true,
          url: `https://${app.team.toLowerCase()}.slack.com/`,
          team: app.team,
          user: 'switchboard',
          team_id: 'T0001',
          user_id: app.botUserId,
          bot_id: 'B0001',
        });
      case 'users.info': {
        // A read method: arguments in the query string (Slack refuses JSON bodies here).
        const person = this.users.get(url.searchParams.get('user') ?? '');
        if (!person) return reply(200, { ok: false, error: 'user_not_found' });
        const id = url.searchParams.get('user');
        return reply(200, {
          ok: true,
          user: {
            id,
            team_id: 'T0001',
            name: person.name,
            real_name: person.realName,
            is_bot: false,
            profile: { real_name: person.realName, display_name: person.name },
          },
        });
      }
      case 'chat.postMessage': {
        const { channel, text } = call.body;
        if (typeof channel !== 'string' || !channel) return reply(200, { ok: false, error: 'channel_not_found' });
        if (typeof text !== 'string' || !text) return reply(200, { ok: false, error: 'no_text' });
        if (text.length > 40_000) return reply(200, { ok: false, error: 'msg_too_long' });
        const ts = this.ts();
        return reply(200, {
          ok: true,
          channel,
          ts,
          message: { type: 'message', text, user: app.botUserId, bot_id: 'B0001', ts, thread_ts: call.body.thread_ts },
        });
      }
      default:
        return reply(200, { ok: false, error: 'unknown_method' });
    }
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
