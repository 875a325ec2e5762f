import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import Stripe from 'stripe';
import { readBody, startServer, type LocalServer } from '../fixtures/http-server';

const rid = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowS = () => Math.floor(Date.now() / 1000);
const MONTH_S = 30 * 24 * 3600;

type Obj = Record<string, any>;

/**
 * A local Stripe API (form-encoded requests, JSON objects as Stripe shapes them, `{error}` on
 * failure) for customers, Checkout and portal sessions, subscriptions and invoice previews. It
 * plays Stripe's side too: events are built as Stripe sends them and signed with the webhook
 * secret the way Stripe does (`Stripe-Signature: t=…,v1=…`, the package's test header).
 */
export class StripePeer {
  readonly customers = new Map<string, Obj>();
  readonly sessions = new Map<string, Obj>();
  readonly subscriptions = new Map<string, Obj>();
  readonly calls: Array<{ method: string; path: string; form: URLSearchParams }> = [];
  private invoiceNumber = 1;
  server!: LocalServer;

  constructor(readonly webhookSecret: string) {}

  static async start(webhookSecret: string): Promise<StripePeer> {
    const peer = new StripePeer(webhookSecret);
    peer.server = await startServer((req, res) => peer.handle(req, res), '127.0.0.1');
    return peer;
  }

  get url(): string {
    return this.server.origin;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    const form = new URLSearchParams(await readBody(req));
    const path = (req.url ?? '').split('?')[0]!;
    this.calls.push({ method: req.method ?? '', path, form });
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': rid('req') }).end(JSON.stringify(body));
    if (!/^Bearer sk_test_/.test(req.headers.authorization ?? ''))
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    const missing = (what: string) =>
      send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } });
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/v1/customers') {
      const customer = {
        id: rid('cus'),
        object: 'customer',
        name: form.get('name'),
        email: form.get('email'),
        metadata: {},
      };
      this.customers.set(customer.id, customer);
      return send(200, customer);
    }
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      const id = rid('cs_test');
      const session = {
        id,
        object: 'checkout.session',
        mode: form.get('mode'),
        customer: form.get('customer'),
        client_reference_id: form.get('client_reference_id'),
        price: form.get('line_items[0][price]'),
        trial_period_days: Number(form.get('subscription_data[trial_period_days]') ?? 0),
        success_url: form.get('success_url'),
        cancel_url: form.get('cancel_url'),
        status: 'open',
        subscription: null as string | null,
        url: `${this.url}/checkout/${id}`,
      };
      this.sessions.set(id, session);
      return send(200, session);
    }
    if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
      if (!this.customers.has(form.get('customer') ?? '')) return missing('customer');
      return send(200, {
        id: rid('bps'),
        object: 'billing_portal.session',
        customer: form.get('customer'),
        return_url: form.get('return_url'),
        url: `${this.url}/portal`,
      });
    }
    if ((m = /^\/v1\/subscriptions\/([\w]+)$/.exec(path))) {
      const sub = this.subscriptions.get(m[1]!);
      if (!sub) return missing('subscription');
      if (req.method === 'POST') {
        if (form.has('cancel_at_period_end')) sub.cancel_at_period_end = form.get('cancel_at_period_end') === 'true';
        const price = form.get('items[0][price]');
        if (price) sub.items.data[0].price = this.price(price);
      }
      return send(200, sub);
    }
    if (req.method === 'POST' && path === '/v1/invoices/create_preview') {
      const sub = this.subscriptions.get(form.get('subscription') ?? '');
      if (!sub) return missing('subscription');
      const next = this.amountOf(form.get('subscription_details[items][0][price]') ?? '');
      const current = this.amountOf(sub.items.data[0].price.id);
      const proration = Math.round((next - current) / 2);
      const lines = [
        {
          id: rid('il'),
          object: 'line_item',
          amount: proration,
          currency: 'usd',
          parent: { type: 'subscription_item_details', subscription_item_details: { proration: true } },
        },
        {
          id: rid('il'),
          object: 'line_item',
          amount: next,
          currency: 'usd',
          parent: { type: 'subscription_item_details', subscription_item_details: { proration: false } },
        },
      ];
      return send(200, {
        object: 'invoice',
        id: null,
        customer: sub.customer,
        currency: 'usd',
        amount_due: proration + next,
        lines: { object: 'list', data: lines, has_more: false },
      });
    }
    return send(404, {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` },
    });
  }

  /** Prices the tests use: amount from the id's suffix (`price_basic_1900`). */
  private amountOf(priceId: string): number {
    return Number(/_(\d+)$/.exec(priceId)?.[1] ?? 0);
  }

  private price(id: string): Obj {
    return {
      id,
      object: 'price',
      currency: 'usd',
      unit_amount: this.amountOf(id),
      recurring: { interval: id.includes('year') ? 'year' : 'month' },
    };
  }

  /** The customer pays on the Checkout page: the subscription exists (trialing when the plan has trial days). */
  completeCheckout(sessionId: string): { session: Obj; subscription: Obj } {
    const session = this.sessions.get(sessionId)!;
    const id = rid('sub');
    const start = nowS();
    const end = start + (session.trial_period_days ? session.trial_period_days * 86400 : MONTH_S);
    const subscription = {
      id,
      object: 'subscription',
      customer: session.customer,
      status: session.trial_period_days ? 'trialing' : 'active',
      cancel_at_period_end: false,
      items: {
        object: 'list',
        data: [
          {
            id: rid('si'),
            object: 'subscription_item',
            price: this.price(session.price),
            current_period_start: start,
            current_period_end: end,
          },
        ],
      },
      metadata: {},
    };
    this.subscriptions.set(id, subscription);
    session.status = 'complete';
    session.subscription = id;
    return { session, subscription };
  }

  /** An invoice of the subscription as Stripe describes it. */
  invoice(sub: Obj, paid: boolean): Obj {
    const amount = sub.items.data[0].price.unit_amount;
    const id = rid('in');
    return {
      id,
      object: 'invoice',
      customer: sub.customer,
      number: `SB-${String(this.invoiceNumber++).padStart(4, '0')}`,
      currency: 'usd',
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      status: paid ? 'paid' : 'open',
      created: nowS(),
      status_transitions: { paid_at: paid ? nowS() : null },
      hosted_invoice_url: `${this.url}/i/${id}`,
      invoice_pdf: `${this.url}/i/${id}/pdf`,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id } },
    };
  }

  /** An event as Stripe builds it. */
  event(type: string, object: Obj): { id: string; payload: string } {
    const id = rid('evt');
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2026-11-18.endive',
      created: nowS(),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
    return { id, payload };
  }

  /** Signs a payload as Stripe does (optionally at another time, or with another secret). */
  sign(payload: string, options: { timestamp?: number; secret?: string } = {}): string {
    return Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    });
  }

  /** Delivers a signed event to the app's webhook URL; the app's answer. */
  async deliver(appOrigin: string, event: { payload: string }, signature = this.sign(event.payload)) {
    const response = await fetch(`${appOrigin}/api/billing/stripe/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': signature,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: event.payload,
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
