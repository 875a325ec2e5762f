import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { repoPath } from '../paths';
import type { AppEnv } from './env';

export const DASHBOARD_DIST = repoPath('apps/dashboard/dist');
export const WIDGET_DIST = repoPath('apps/widget/dist');

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The dashboard is not built</h1><p>Run <code>npm start</code> (it builds what is missing) or <code>npm run build</code>,
then reload. The API is up: see <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Paths the single-page app must never swallow. */
const SERVER_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics', '/widget', '/chat/'];

/**
 * The dashboard bundle and the widget. Hashed assets are cached for a year; index.html
 * is revalidated so a deploy shows at once.
 */
export function mountStatic(app: Hono<AppEnv>): void {
  // dist/widget.js is the loader, at a fixed address in every site's snippet: cached briefly so
  // a deploy reaches sites soon. dist/widget/* is content-hashed: cached for a year.
  app.use(
    '/widget*',
    serveStatic({
      root: WIDGET_DIST,
      precompressed: true,
      onFound: (path, c) => {
        c.header('Cache-Control', path.endsWith('/widget.js') ? 'public, max-age=300' : 'public, max-age=31536000, immutable');
        // Sites load the widget with crossorigin="anonymous": public files, readable by any origin.
        c.header('Access-Control-Allow-Origin', '*');
        c.header('Timing-Allow-Origin', '*');
      },
    }),
  );
  app.use(
    '/assets/*',
    serveStatic({
      root: DASHBOARD_DIST,
      precompressed: true,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get('/favicon.svg', serveStatic({ root: DASHBOARD_DIST }));
  app.get('*', async (c, next) => {
    if (SERVER_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return next();
    if (!(c.req.header('accept') ?? '').includes('text/html')) return next();
    const index = path.join(DASHBOARD_DIST, 'index.html');
    c.header('Cache-Control', 'no-cache');
    if (!fs.existsSync(index)) return c.html(NOT_BUILT, 503);
    return c.html(await fs.promises.readFile(index, 'utf8'));
  });
}
