import { startServer, type LocalServer } from '../fixtures/http-server';

/**
 * A workspace's "model server" on an address the egress guard allows (127.0.0.2 in tests) that
 * answers every request with a redirect to the same path under `to`: how a tenant points the
 * platform at an address it may not reach. `requests` records what reached it.
 */
export async function startRedirector(
  to: string,
  status: 301 | 302 | 303 | 307 | 308,
  host = '127.0.0.2',
): Promise<LocalServer> {
  return startServer((req, res) => {
    // The body (a 307's POST) is not needed: drain it so the connection stays usable.
    req.resume();
    res.writeHead(status, { location: `${to}${req.url ?? '/'}`, 'content-type': 'text/plain' });
    res.end(`Redirecting to ${to}`);
  }, host);
}

/** Whether any recorded request carried `secret` in any header (the key forwarded). */
export function carries(requests: Array<{ headers: Record<string, unknown> }>, secret: string): boolean {
  return requests.some((r) => JSON.stringify(r.headers).includes(secret));
}
