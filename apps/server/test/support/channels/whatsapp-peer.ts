import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startServer, type LocalServer } from '../fixtures/http-server';

const readRaw = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });

/** A template as `GET /{waba-id}/message_templates` lists it. */
export interface GraphTemplate {
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  category: string;
  components: { type: string; text?: string; format?: string }[];
}

/** A Graph API call the peer received. */
export interface GraphCall {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, any> | null;
  /** For a /media upload: the file. */
  file?: { name: string; type: string; bytes: Buffer };
  status: number;
}

interface PhoneNumber {
  id: string;
  accessToken: string;
  displayPhoneNumber: string;
  verifiedName: string;
}

/**
 * A local WhatsApp Cloud API (Graph API, https://developers.facebook.com/docs/whatsapp/cloud-api):
 * the phone number node and its `/messages` edge, with Graph's error bodies. It also plays
 * Meta's side of the webhook: the `hub.challenge` subscription check and signed deliveries
 * (`X-Hub-Signature-256: sha256=` HMAC of the raw body with the app secret).
 */
export class WhatsappPeer {
  readonly calls: GraphCall[] = [];
  private readonly numbers = new Map<string, PhoneNumber>();
  private readonly failures: { status: number; code: number; message: string; retryAfter?: number }[] = [];
  private nextId = 1;
  /** Media by id: what customers sent (downloadable) and what the business uploaded. */
  readonly media = new Map<string, { bytes: Buffer; mimeType: string }>();
  /** Templates by WhatsApp Business Account id. */
  readonly templates = new Map<string, GraphTemplate[]>();
  server!: LocalServer;

  static async start(): Promise<WhatsappPeer> {
    const peer = new WhatsappPeer();
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  get url(): string {
    return this.server.origin;
  }

  addNumber(name: string): PhoneNumber {
    const id = String(100_000_000_000_000 + this.numbers.size);
    const number = {
      id,
      accessToken: `EAAG${name.replace(/\W/g, '')}${'x'.repeat(40)}`,
      displayPhoneNumber: '+1 555-0100',
      verifiedName: name,
    };
    this.numbers.set(id, number);
    return number;
  }

  /** A file a customer sent: its media id. */
  addMedia(bytes: Buffer, mimeType: string): string {
    const id = String(900_000_000_000_000 + this.media.size);
    this.media.set(id, { bytes, mimeType });
    return id;
  }

  /** A `messages` webhook with an image, document or audio message (the media by id), as Meta sends it. */
  mediaMessage(
    phoneNumberId: string,
    from: { waId: string; name: string },
    media:
      | { type: 'image'; id: string; caption?: string }
      | { type: 'document'; id: string; filename: string; caption?: string }
      | { type: 'audio'; id: string; voice?: boolean },
  ) {
    const payload = this.textMessage(phoneNumberId, from, '');
    const message = payload.entry[0]!.changes[0]!.value.messages[0]! as Record<string, unknown>;
    delete message.text;
    const { type, ...rest } = media;
    message.type = type;
    message[type] = { ...rest, mime_type: this.media.get(media.id)?.mimeType, sha256: 'c2hhMjU2' };
    return payload;
  }

  /** A `messages` webhook with delivery statuses for messages the business sent. */
  statusUpdate(
    phoneNumberId: string,
    statuses: {
      id: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      to: string;
      error?: { code: number; title: string; details: string };
    }[],
  ) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA_ID',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100', phone_number_id: phoneNumberId },
                statuses: statuses.map((s) => ({
                  id: s.id,
                  status: s.status,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  recipient_id: s.to,
                  ...(s.error && {
                    errors: [
                      {
                        code: s.error.code,
                        title: s.error.title,
                        message: s.error.title,
                        error_data: { details: s.error.details },
                      },
                    ],
                  }),
                })),
              },
            },
          ],
        },
      ],
    };
  }

  /** The next /messages call fails so. */
  failNext(status: number, code: number, message: string, retryAfter?: number): void {
    this.failures.push({ status, code, message, ...(retryAfter !== undefined && { retryAfter }) });
  }

  /** Accepted messages (text, template, media), optionally to one customer. */
  sent(phoneNumberId: string, to?: string): GraphCall[] {
    return this.calls.filter(
      (c) =>
        c.path.endsWith(`/${phoneNumberId}/messages`) && c.status === 200 && (to === undefined || c.body?.to === to),
    );
  }

  /** A `messages` webhook with one text message, as Meta sends it. */
  textMessage(
    phoneNumberId: string,
    from: { waId: string; name: string },
    text: string,
    id = `wamid.HBgL${this.nextId++}`,
  ) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA_ID',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100', phone_number_id: phoneNumberId },
                contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
                messages: [
                  {
                    from: from.waId,
                    id,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: text },
                  },
                ],
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
    const rawBytes = await readRaw(req);
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    const raw = multipart ? '' : rawBytes.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://peer');
    const call: GraphCall = {
      method: req.method ?? '',
      path: url.pathname,
      authorization: String(req.headers.authorization ?? ''),
      body: raw ? (JSON.parse(raw) as Record<string, any>) : null,
      status: 0,
    };
    if (multipart) {
      const form = await new Request('http://peer/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: rawBytes,
      }).formData();
      call.body = {};
      for (const [key, value] of form) {
        if (typeof value === 'string') call.body[key] = value;
        else call.file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
      }
    }
    this.calls.push(call);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const graphError = (status: number, code: number, message: string, headers: Record<string, string> = {}) =>
      reply(status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } }, headers);
    const tokens = new Set([...this.numbers.values()].map((n) => `Bearer ${n.accessToken}`));
    const download = /^\/download\/(\d+)$/.exec(url.pathname);
    if (download) {
      // Meta's short-lived media URL: the access token again, the bytes as they are.
      const media = this.media.get(download[1]!);
      if (!tokens.has(call.authorization) || !media) return reply(404, {});
      call.status = 200;
      return res
        .writeHead(200, { 'content-type': media.mimeType, 'content-length': String(media.bytes.length) })
        .end(media.bytes);
    }
    const mediaNode = /^\/v\d+\.\d+\/(\d+)$/.exec(url.pathname);
    if (mediaNode && this.media.has(mediaNode[1]!)) {
      if (!tokens.has(call.authorization))
        return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
      const media = this.media.get(mediaNode[1]!)!;
      return reply(200, {
        messaging_product: 'whatsapp',
        url: `${this.url}/download/${mediaNode[1]}`,
        mime_type: media.mimeType,
        sha256: 'c2hhMjU2',
        file_size: media.bytes.length,
        id: mediaNode[1],
      });
    }
    const templates = /^\/v\d+\.\d+\/(\d+)\/message_templates$/.exec(url.pathname);
    if (templates) {
      const list = this.templates.get(templates[1]!);
      if (!list) return graphError(400, 100, 'Unsupported get request. Object does not exist');
      if (!tokens.has(call.authorization))
        return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
      const wanted = url.searchParams.get('status');
      return reply(200, { data: list.filter((t) => !wanted || t.status === wanted), paging: { cursors: {} } });
    }
    const match = /^\/v\d+\.\d+\/(\d+)(\/messages|\/media)?$/.exec(url.pathname);
    const number = match ? this.numbers.get(match[1]!) : undefined;
    if (!number) return graphError(400, 100, 'Unsupported get request. Object does not exist');
    if (call.authorization !== `Bearer ${number.accessToken}`)
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (!match![2]) {
      return reply(200, {
        verified_name: number.verifiedName,
        display_phone_number: number.displayPhoneNumber,
        id: number.id,
      });
    }
    if (match![2] === '/media') {
      if (call.body?.messaging_product !== 'whatsapp' || !call.file) return graphError(400, 100, 'Invalid parameter');
      const id = String(800_000_000_000_000 + this.nextId++);
      this.media.set(id, { bytes: call.file.bytes, mimeType: call.file.type });
      return reply(200, { id });
    }
    const failure = this.failures.shift();
    if (failure)
      return graphError(
        failure.status,
        failure.code,
        failure.message,
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {},
      );
    const body = call.body ?? {};
    const valid =
      body.messaging_product === 'whatsapp' &&
      ((body.type === 'text' && typeof body.text?.body === 'string' && body.text.body.length <= 4096) ||
        (body.type === 'template' && typeof body.template?.name === 'string' && body.template.language?.code) ||
        ((body.type === 'image' || body.type === 'document') && this.media.has(String(body[body.type]?.id))));
    if (!valid) return graphError(400, 100, 'Invalid parameter');
    return reply(200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.OUT${this.nextId++}` }],
    });
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
