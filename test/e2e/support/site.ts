import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A customer's website on another origin (its own port): serves a page with the widget
 * snippet, as a shop would paste it.
 */
export interface Site {
  url: string;
  setPage(html: string): void;
  close(): Promise<void>;
}

export async function startSite(host = '127.0.0.1'): Promise<Site> {
  let page = '<!doctype html><title>Shop</title><h1>Shop</h1>';
  const server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    setPage(html) {
      page = html;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A shop page: some content of its own, hostile CSS that must not reach the widget, and the snippet. */
export const shopPage = (
  snippet: string,
  extra = '',
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Shop</title>
<style>* { font-family: "Comic Sans MS" !important; color: red !important; } button { display: none !important; }</style></head>
<body><h1>Acme Shop</h1><p>Chairs, tables and lamps.</p>${extra}${snippet}</body></html>`;
