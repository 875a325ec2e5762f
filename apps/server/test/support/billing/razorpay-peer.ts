import { createHmac, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { readBody, startServer, type LocalServer } from '../fixtures/http-server';

const rid = (prefix: string) => `${prefix}_${randomBytes(7).toString('base64url').replace(/[-_]/g, 'x')}`;
const nowS = () => Math.floor(Date.now() / 1000);

type Obj = Record<string, any>;

/**
 * A local Razorpay API (Basic auth key_id:key_secret, JSON, `{error: {code, description}}`) for
 * subscriptions, and Razorpay's side of its webhooks and Checkout: events signed with the hex
 * HMAC-SHA256 of the raw body (`X-Razorpay-Signature`) and an `X-Razorpay-Event-Id`.
 */
export class RazorpayPeer {
  readonly subscriptions = new Map<string, Obj>();
  server!: LocalServer;

  constructor(
    readonly keyId: string,
    readonly keySecret: string,
    readonly webhookSecret: string,
  ) {}

  static async start(keyId: string, keySecret: string, webhookSecret: string): Promise<RazorpayPeer> {
    const peer = new RazorpayPeer(keyId, keySecret, webhookSecret);
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  get url(): string {
    return this.server.origin;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    const raw = await readBody(req);
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const error = (status: number, description: string) =>
      send(status, { error: { code: 'BAD_REQUEST_ERROR', description, source: 'NA', step: 'NA', reason: 'NA' } });
    const expected = `Basic ${Buffer.from(`${this.keyId}:${this.keySecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected) return error(401, 'Authentication failed');
    const path = (req.url ?? '').split('?')[0]!;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/subscriptions') {
      const body = JSON.parse(raw) as Obj;
      if (!body.plan_id || !body.total_count) return error(400, 'The plan id field is required.');
      const sub = {
        id: rid('sub'),
        entity: 'subscription',
        plan_id: body.plan_id,
        customer_id: null as string | null,
        status: 'created',
        current_start: null as number | null,
        current_end: null as number | null,
        total_count: body.total_count,
        paid_count: 0,
        notes: body.notes ?? [],
        short_url: `https://rzp.io/i/${randomBytes(4).toString('hex')}`,
        created_at: nowS(),
      };
      this.subscriptions.set(sub.id, sub);
      return send(200, sub);
    }
    if ((m = /^\/v1\/subscriptions\/(\w+)(\/cancel)?$/.exec(path))) {
      const sub = this.subscriptions.get(m[1]!);
      if (!sub) return error(400, 'The id provided does not exist');
      if (m[2] && req.method === 'POST') {
        if (!JSON.parse(raw || '{}').cancel_at_cycle_end) sub.status = 'cancelled';
      }
      return send(200, sub);
    }
    return error(404, 'The requested URL was not found on the server.');
  }

  /** The customer paid the first charge in Checkout: what Checkout hands the page, signed. */
  pay(subscriptionId: string): { paymentId: string; subscriptionId: string; signature: string; payment: Obj } {
    const sub = this.subscriptions.get(subscriptionId)!;
    const start = nowS();
    sub.status = 'active';
    sub.customer_id = sub.customer_id ?? rid('cust');
    sub.current_start = start;
    sub.current_end = start + 30 * 86400;
    sub.paid_count += 1;
    const payment = this.payment(sub, 'captured');
    const signature = createHmac('sha256', this.keySecret).update(`${payment.id}|${sub.id}`).digest('hex');
    return { paymentId: payment.id, subscriptionId: sub.id, signature, payment };
  }

  payment(sub: Obj, status: 'captured' | 'failed'): Obj {
    return {
      id: rid('pay'),
      entity: 'payment',
      amount: 149900,
      currency: 'INR',
      status,
      invoice_id: rid('inv'),
      customer_id: sub.customer_id,
      method: 'card',
      created_at: nowS(),
    };
  }

  /** A webhook event as Razorpay sends it. */
  event(event: string, sub: Obj, payment?: Obj): { id: string; payload: string } {
    const payload = JSON.stringify({
      entity: 'event',
      account_id: 'acc_BFQ7uQEaa7j2z7',
      event,
      contains: payment ? ['subscription', 'payment'] : ['subscription'],
      payload: { subscription: { entity: sub }, ...(payment ? { payment: { entity: payment } } : {}) },
      created_at: nowS(),
    });
    return { id: rid('evt'), payload };
  }

  sign(payload: string, secret = this.webhookSecret): string {
    return createHmac('sha256', secret).update(payload).digest('hex');
  }

  async deliver(appOrigin: string, event: { id: string; payload: string }, signature = this.sign(event.payload)) {
    const response = await fetch(`${appOrigin}/api/billing/razorpay/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-razorpay-signature': signature,
        'x-razorpay-event-id': event.id,
      },
      body: event.payload,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
