import fs from 'node:fs';
import path from 'node:path';
import type { Hono, MiddlewareHandler } from 'hono';
import { serveStatic, type ServeStaticOptions } from '@hono/node-server/serve-static';
import { repoPath } from '../paths';
import type { AppEnv } from './env';
import { mountFavicon } from './favicon';

export const DASHBOARD_DIST = repoPath('apps/dashboard/dist');
export const WIDGET_DIST = repoPath('apps/widget/dist');

export interface StaticRoots {
  dashboard: string;
  widget: string;
}

const HOW_TO_BUILD =
  'run `npm run build` (this server picks the build up without a restart), or start with `npm start`, which builds what is missing';

/** What of the dashboard and the widget is not built, for the start-up banner and the pages below. */
export function missingBuilds(
  roots: StaticRoots = { dashboard: DASHBOARD_DIST, widget: WIDGET_DIST },
): Array<'dashboard' | 'widget'> {
  const missing: Array<'dashboard' | 'widget'> = [];
  if (!fs.existsSync(path.join(roots.dashboard, 'index.html'))) missing.push('dashboard');
  if (!fs.existsSync(path.join(roots.widget, 'widget.js'))) missing.push('widget');
  return missing;
}

/** One line for the start-up banner, or null when both are built. */
export function buildNotice(missing: ReadonlyArray<'dashboard' | 'widget'>): string | null {
  if (missing.length === 0) return null;
  const what = missing.length === 2 ? 'The dashboard and the widget are' : `The ${missing[0]} is`;
  return `${what} not built: ${HOW_TO_BUILD}.`;
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;line-height:1.5">
<h1>The dashboard is not built</h1><p>On the server, run <code>npm run build</code> (or start it with <code>npm start</code>,
which builds what is missing), then reload. The API is up: see <a href="/api/docs">/api/docs</a>.</p></body></html>`;

const WIDGET_NOT_BUILT = `The widget is not built on this server: ${HOW_TO_BUILD}.\n`;

/** Paths the single-page app must never swallow. */
const SERVER_PREFIXES = ['/api/', '/healthz', '/readyz', '/metrics', '/widget', '/chat/'];

/**
 * serveStatic once its directory exists: nothing is logged for a build that is not there, and
 * a build made while the server runs is served without a restart.
 */
function staticWhenBuilt(
  root: string,
  options: Omit<ServeStaticOptions<AppEnv>, 'root'>,
  otherwise: MiddlewareHandler<AppEnv>,
): MiddlewareHandler<AppEnv> {
  let serve: MiddlewareHandler<AppEnv> | null = null;
  return (c, next) => {
    if (!serve && fs.existsSync(root)) serve = serveStatic<AppEnv>({ root, ...options });
    return serve ? serve(c, next) : otherwise(c, next);
  };
}

/**
 * The dashboard bundle, the widget and the favicons. Hashed assets are cached for a year;
 * index.html is revalidated so a deploy shows at once. Without a build, `/` and the widget's
 * address say so and how to build, instead of a bare 404.
 */
export function mountStatic(
  app: Hono<AppEnv>,
  roots: StaticRoots = { dashboard: DASHBOARD_DIST, widget: WIDGET_DIST },
): void {
  mountFavicon(app);
  // dist/widget.js is the loader, at a fixed address in every site's snippet: cached briefly so
  // a deploy reaches sites soon. dist/widget/* is content-hashed: cached for a year.
  app.use(
    '/widget*',
    staticWhenBuilt(
      roots.widget,
      {
        precompressed: true,
        onFound: (path, c) => {
          c.header(
            'Cache-Control',
            path.endsWith('/widget.js') ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
          );
          // Sites load the widget with crossorigin="anonymous": public files, readable by any origin.
          c.header('Access-Control-Allow-Origin', '*');
          c.header('Timing-Allow-Origin', '*');
        },
      },
      async (c, next) => (c.req.path === '/widget.js' ? c.text(WIDGET_NOT_BUILT, 503) : next()),
    ),
  );
  app.use(
    '/assets/*',
    staticWhenBuilt(
      roots.dashboard,
      {
        precompressed: true,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      },
      (_c, next) => next(),
    ),
  );
  app.get('*', async (c, next) => {
    if (SERVER_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) return next();
    // `/` is the app whatever the client accepts (curl sends */*); other paths only for browsers.
    if (c.req.path !== '/' && !(c.req.header('accept') ?? '').includes('text/html')) return next();
    const index = path.join(roots.dashboard, 'index.html');
    c.header('Cache-Control', 'no-cache');
    if (!fs.existsSync(index)) return c.html(NOT_BUILT, 503);
    return c.html(await fs.promises.readFile(index, 'utf8'));
  });
}
