import type http from 'node:http';
import { readBody, startServer, type LocalServer } from './fixtures/http-server';

export interface ActionCall {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface ActionReceiver {
  origin: string;
  calls: ActionCall[];
  /** What the next call gets; the default is 200 with a small order as JSON. */
  answer: (call: ActionCall) => { status: number; body: string; type?: string };
  close(): Promise<void>;
}

/** A business's own API on 127.0.0.2 (the tests' EGRESS_ALLOW_CIDRS), recording every call. */
export async function startActionReceiver(host = '127.0.0.2'): Promise<ActionReceiver> {
  const receiver = {
    calls: [] as ActionCall[],
    answer: () => ({ status: 200, body: JSON.stringify({ order: { id: 'A1', status: 'shipped', secretNote: 'x' } }) }),
  } as unknown as ActionReceiver;
  const server: LocalServer = await startServer(async (req, res) => {
    const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: await readBody(req) };
    receiver.calls.push(call);
    const out = receiver.answer(call);
    res.writeHead(out.status, { 'content-type': out.type ?? 'application/json' }).end(out.body);
  }, host);
  receiver.origin = server.origin;
  receiver.close = () => server.close();
  return receiver;
}
