import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner } from '../../commands/start';
import type { AppEnv } from './env';
import { FAVICON_SVG_FILE } from './favicon';
import { mountStatic, type StaticRoots } from './static-routes';

/** The static part of the app on a real socket, over directories this test controls. */
async function serveStatic(roots: StaticRoots): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Hono<AppEnv>();
  mountStatic(app, roots);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `sb-static-${name}-`));

describe('a server whose dashboard and widget are not built', () => {
  let roots: StaticRoots;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    roots = { dashboard: path.join(tmp('none'), 'dashboard'), widget: path.join(tmp('none'), 'widget') };
    site = await serveStatic(roots);
  });
  afterAll(() => site.close());

  it('answers / with a page saying how to build, whatever the client accepts', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const response = await fetch(`${site.url}/`, { headers: { accept } });
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('The dashboard is not built');
      expect(page).toContain('npm run build');
    }
  });

  it('answers the widget loader with a readable reason, not a bare 404', async () => {
    const response = await fetch(`${site.url}/widget.js`);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/^The widget is not built on this server: run `npm run build`/);
  });

  it('serves the favicons all the same', async () => {
    const ico = await fetch(`${site.url}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const svg = await fetch(`${site.url}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toBe(fs.readFileSync(FAVICON_SVG_FILE, 'utf8'));
  });

  it('serves a build made while it runs, without a restart', async () => {
    fs.mkdirSync(path.join(roots.dashboard, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(roots.dashboard, 'index.html'), '<!doctype html><title>Built</title>');
    fs.writeFileSync(path.join(roots.dashboard, 'assets', 'app-1.js'), 'console.log(1)');
    fs.mkdirSync(roots.widget, { recursive: true });
    fs.writeFileSync(path.join(roots.widget, 'widget.js'), '/* loader */');
    const page = await fetch(`${site.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Built</title>');
    const asset = await fetch(`${site.url}/assets/app-1.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const loader = await fetch(`${site.url}/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('/favicon.ico', () => {
  let site: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    site = await serveStatic({ dashboard: tmp('ico'), widget: tmp('ico') });
  });
  afterAll(() => site.close());

  it('is a 32×32 icon of the dashboard’s mark: indigo square, white lines, transparent corners', async () => {
    const ico = Buffer.from(await (await fetch(`${site.url}/favicon.ico`)).arrayBuffer());
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]); // ICONDIR: icon, one image
    expect([ico[6], ico[7], ico.readUInt16LE(12)]).toEqual([32, 32, 32]);
    const offset = ico.readUInt32LE(18);
    expect(ico.readUInt32LE(14)).toBe(ico.length - offset);
    expect([ico.readInt32LE(offset + 4), ico.readInt32LE(offset + 8)]).toEqual([32, 64]);
    // BGRA rows, bottom-up, after the 40-byte header.
    const pixel = (x: number, y: number) => {
      const at = offset + 40 + ((31 - y) * 32 + x) * 4;
      return { r: ico[at + 2], g: ico[at + 1], b: ico[at], a: ico[at + 3] };
    };
    expect(pixel(0, 0).a).toBe(0);
    expect(pixel(16, 2)).toEqual({ r: 0x4f, g: 0x46, b: 0xe5, a: 255 });
    expect(pixel(15, 11)).toEqual({ r: 255, g: 255, b: 255, a: 255 });
    expect(pixel(27, 16)).toEqual({ r: 0x4f, g: 0x46, b: 0xe5, a: 255 }); // past the shorter middle line
  });
});

describe('the start-up banner', () => {
  const facts = { url: 'http://localhost:4100', database: 'embedded PGlite in /srv/data', redis: false };

  it('says what is not built and how to build it', () => {
    expect(startBanner({ ...facts, missing: ['dashboard', 'widget'] })).toContain(
      'The dashboard and the widget are not built: run `npm run build`',
    );
    expect(startBanner({ ...facts, missing: ['widget'] })).toContain('The widget is not built: run `npm run build`');
  });

  it('says nothing of builds when both are there', () => {
    expect(startBanner({ ...facts, missing: [] })).not.toMatch(/not built/);
  });
});
