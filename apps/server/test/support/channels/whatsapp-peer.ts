import { createHmac } from 'node:crypto';
import { readBody, startServer, type LocalServer } from '../fixtures/http-server';

/** A Graph API call the peer received. */
export interface GraphCall {
  method: string;
  path: string;
  authorization: string;
  body: Record<string, any> | null;
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

  /** The next /messages call fails so. */
  failNext(status: number, code: number, message: string, retryAfter?: number): void {
    this.failures.push({ status, code, message, ...(retryAfter !== undefined && { retryAfter }) });
  }

  /** Accepted text messages, optionally to one customer. */
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
    const failure = this.failures.shift();
    if (failure)
      return graphError(
        failure.status,
        failure.code,
        failure.message,
        failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {},
      );
    const body = call.body ?? {};
    if (
      body.messaging_product !== 'whatsapp' ||
      body.type !== 'text' ||
      typeof body.text?.body !== 'string' ||
      body.text.body.length > 4096
    )
      return graphError(400, 100, 'Invalid parameter');
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
