import { createHmac, randomBytes } from 'node:crypto';
import { readBody, startServer, type LocalServer } from '../fixtures/http-server';
import type { GraphCall } from './whatsapp-peer';

export interface MetaPage {
  id: string;
  name: string;
  pageAccessToken: string;
  /** The Instagram professional account linked to the Page (the `entry.id` of Instagram webhooks). */
  instagramId: string;
}

/**
 * A local Graph API for Messenger and Instagram (the Messenger Platform,
 * https://developers.facebook.com/docs/messenger-platform): the Page node (`?fields=name`) and
 * its Send API (`/{page-id}/messages` with `recipient`, `messaging_type`, `message` or
 * `sender_action`), with Graph's error bodies and Messenger's and Instagram's text limits. It
 * also plays Meta's side of the webhook: the `hub.challenge` check and signed deliveries.
 */
export class MetaPagesPeer {
  readonly calls: GraphCall[] = [];
  private readonly pages = new Map<string, MetaPage>();
  /** Instagram-scoped ids seen writing: their messages are held to Instagram's limit. */
  private readonly instagramUsers = new Set<string>();
  private readonly failures: { status: number; code: number; message: string; retryAfter?: number }[] = [];
  private nextId = 1;
  server!: LocalServer;

  static async start(): Promise<MetaPagesPeer> {
    const peer = new MetaPagesPeer();
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  get url(): string {
    return this.server.origin;
  }

  addPage(name: string): MetaPage {
    const page = {
      id: String(104_000_000_000_000 + this.pages.size),
      name,
      pageAccessToken: `EAAB${randomBytes(24).toString('hex')}`,
      instagramId: String(17_841_400_000_000_000 + this.pages.size),
    };
    this.pages.set(page.id, page);
    return page;
  }

  /** The next Send API call fails so. */
  failNext(status: number, code: number, message: string, retryAfter?: number): void {
    this.failures.push({ status, code, message, ...(retryAfter !== undefined && { retryAfter }) });
  }

  /** Accepted text messages of a Page, optionally to one person. */
  sent(pageId: string, to?: string): GraphCall[] {
    return this.calls.filter(
      (c) =>
        c.path.endsWith(`/${pageId}/messages`) &&
        c.status === 200 &&
        c.body?.message &&
        (to === undefined || c.body?.recipient?.id === to),
    );
  }

  /** A text message webhook as Meta sends it: `object` "page" (Messenger) or "instagram". */
  textMessage(
    object: 'page' | 'instagram',
    page: MetaPage,
    senderId: string,
    text: string,
    options: { mid?: string; echo?: boolean } = {},
  ) {
    if (object === 'instagram') this.instagramUsers.add(senderId);
    const recipient = object === 'page' ? page.id : page.instagramId;
    const [from, to] = options.echo ? [recipient, senderId] : [senderId, recipient];
    return {
      object,
      entry: [
        {
          id: recipient,
          time: Date.now(),
          messaging: [
            {
              sender: { id: from },
              recipient: { id: to },
              timestamp: Date.now(),
              message: {
                mid: options.mid ?? `m_${randomBytes(12).toString('base64url')}${this.nextId++}`,
                text,
                ...(options.echo && { is_echo: true, app_id: 1517776481860111 }),
              },
            },
          ],
        },
      ],
    };
  }

  /** POSTs a payload signed with the app secret (or with `signature` as given; null: unsigned). */
  deliver(url: string, appSecret: string, payload: unknown, signature?: string | null): Promise<Response> {
    const raw = JSON.stringify(payload);
    const header =
      signature === undefined ? `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}` : signature;
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(header !== null && { 'x-hub-signature-256': header }) },
      body: raw,
    });
  }

  /** Meta's subscription check: GET with hub.mode, hub.verify_token and hub.challenge. */
  verify(url: string, verifyToken: string, challenge: string): Promise<Response> {
    const q = new URLSearchParams({
      'hub.mode': 'subscribe',
      'hub.verify_token': verifyToken,
      'hub.challenge': challenge,
    });
    return fetch(`${url}?${q}`);
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://peer');
    const call: GraphCall = {
      method: req.method ?? '',
      path: url.pathname,
      authorization: String(req.headers.authorization ?? ''),
      body: raw ? (JSON.parse(raw) as Record<string, any>) : null,
      status: 0,
    };
    this.calls.push(call);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const graphError = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
      reply(status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } }, headers);
    const match = /^\/v\d+\.\d+\/(\d+)(\/messages)?$/.exec(url.pathname);
    const page = match ? this.pages.get(match[1]!) : undefined;
    if (!page) return graphError(400, 100, 'Unsupported get request. Object does not exist');
    if (call.authorization !== `Bearer ${page.pageAccessToken}`)
      return graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (!match![2]) {
      if (url.searchParams.get('fields') !== 'name') return graphError(400, 100, 'Unknown fields');
      return reply(200, { name: page.name, id: page.id });
    }
    const body = call.body ?? {};
    if (typeof body.recipient?.id !== 'string') return graphError(400, 100, 'The parameter recipient is required');
    if (body.sender_action) return reply(200, { recipient_id: body.recipient.id });
    const failure = this.failures.shift();
    if (failure)
      return graphError(
        failure.status,
        failure.code,
        failure.message,
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {},
      );
    const limit = this.instagramUsers.has(body.recipient.id) ? 1000 : 2000;
    if (body.messaging_type !== 'RESPONSE' || typeof body.message?.text !== 'string')
      return graphError(400, 100, 'Invalid parameter');
    if (body.message.text.length > limit)
      return graphError(400, 100, `param message[text] must be UTF-8 encoded with ${limit} characters or fewer`);
    return reply(200, { recipient_id: body.recipient.id, message_id: `m_OUT${this.nextId++}` });
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
