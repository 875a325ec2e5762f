import type http from 'node:http';
import { Webhook } from 'standardwebhooks';
import { readBody, startServer, type LocalServer } from './fixtures/http-server';
import type { TestClient } from './client';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  payload: { type: string; timestamp: string; data: Record<string, any> };
}

export interface Receiver {
  server: LocalServer;
  url: string;
  received: Received[];
  /** What the next request gets; the default is 200 "ok". */
  answer: (
    req: Received,
  ) =>
    | { status: number; headers?: Record<string, string>; body?: string }
    | Promise<{ status: number; headers?: Record<string, string>; body?: string }>;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.2 (allowed by the tests' EGRESS_ALLOW_CIDRS), recording every delivery. */
export async function startReceiver(): Promise<Receiver> {
  const receiver = {
    received: [] as Received[],
    answer: (() => ({ status: 200, body: 'ok' })) as Receiver['answer'],
  } as Receiver;
  receiver.server = await startServer(async (req, res) => {
    const body = await readBody(req);
    const item: Received = {
      id: String(req.headers['webhook-id']),
      timestamp: String(req.headers['webhook-timestamp']),
      signature: String(req.headers['webhook-signature']),
      headers: req.headers,
      body,
      payload: JSON.parse(body),
    };
    receiver.received.push(item);
    const out = await receiver.answer(item);
    res.writeHead(out.status, { 'content-type': 'text/plain', ...out.headers }).end(out.body ?? '');
  });
  receiver.url = `${receiver.server.origin}/hooks`;
  receiver.close = () => receiver.server.close();
  return receiver;
}

/** Verifies with the official Standard Webhooks package: throws when no signature matches. */
export function verify(secret: string, item: Received): unknown {
  return new Webhook(secret).verify(item.body, {
    'webhook-id': item.id,
    'webhook-timestamp': item.timestamp,
    'webhook-signature': item.signature,
  });
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The endpoint's delivery log once `check` holds for it. */
export function waitForLog(
  client: TestClient,
  endpointId: string,
  check: (log: any[]) => boolean,
  what: string,
): Promise<any[]> {
  return waitFor(async () => {
    const { body } = await client.json<{ deliveries: any[] }>(`/api/v1/webhooks/${endpointId}/deliveries`);
    return check(body.deliveries) && body.deliveries;
  }, what);
}
