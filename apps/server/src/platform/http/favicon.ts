import fs from 'node:fs';
import type { Hono } from 'hono';
import { repoPath } from '../paths';
import type { AppEnv } from './env';

/**
 * Browsers ask every page's origin for /favicon.ico, whatever the page declares; the hosted
 * chat page and the API reference declare nothing. Both icons are served by the server
 * itself, built dashboard or not, so no page of this origin logs a 404 for them.
 *
 * The SVG is the dashboard's own file. The ICO is drawn here from the same mark — a rounded
 * indigo square with three white lines on a 32-unit grid — because no image tool is assumed
 * on the machines that build this, and a binary copy would drift from the SVG unnoticed.
 */
export const FAVICON_SVG_FILE = repoPath('apps/dashboard/public/favicon.svg');

const SIZE = 32;
const RADIUS = 7;
const BRAND = [0x4f, 0x46, 0xe5] as const;
const LINES = [
  [9, 11, 23, 11],
  [9, 16, 18, 16],
  [9, 21, 21, 21],
] as const;
const HALF_STROKE = 1.25;
/** Samples per pixel side: edges are anti-aliased by counting the samples inside. */
const SAMPLES = 4;

function inSquare(x: number, y: number): boolean {
  const dx = Math.max(RADIUS - x, 0, x - (SIZE - RADIUS));
  const dy = Math.max(RADIUS - y, 0, y - (SIZE - RADIUS));
  return dx * dx + dy * dy <= RADIUS * RADIUS;
}

/** Round-capped horizontal strokes: within half the stroke width of the segment. */
function onLine(x: number, y: number): boolean {
  return LINES.some(([x1, y1, x2]) => {
    const nearestX = Math.min(Math.max(x, x1), x2);
    return (x - nearestX) ** 2 + (y - y1) ** 2 <= HALF_STROKE * HALF_STROKE;
  });
}

/** A 32×32 icon, 32-bit BGRA, in an ICO container (ICONDIR, one entry, a BMP with its AND mask). */
export function renderFaviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) {
      let square = 0;
      let line = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = col + (sx + 0.5) / SAMPLES;
          const y = row + (sy + 0.5) / SAMPLES;
          if (!inSquare(x, y)) continue;
          square++;
          if (onLine(x, y)) line++;
        }
      }
      const white = square ? line / square : 0;
      // BMP rows run bottom-up.
      const at = ((SIZE - 1 - row) * SIZE + col) * 4;
      pixels[at] = Math.round(BRAND[2] + (255 - BRAND[2]) * white);
      pixels[at + 1] = Math.round(BRAND[1] + (255 - BRAND[1]) * white);
      pixels[at + 2] = Math.round(BRAND[0] + (255 - BRAND[0]) * white);
      pixels[at + 3] = Math.round((255 * square) / (SAMPLES * SAMPLES));
    }
  }
  // The 1-bit AND mask, rows padded to 4 bytes; all zero, since the alpha channel decides.
  const mask = Buffer.alloc(SIZE * 4);
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(SIZE, 4);
  info.writeInt32LE(SIZE * 2, 8); // the colour image and the mask, stacked
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([info, pixels, mask]);
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}

export function mountFavicon(app: Hono<AppEnv>): void {
  const ico = renderFaviconIco();
  const svg = fs.existsSync(FAVICON_SVG_FILE) ? fs.readFileSync(FAVICON_SVG_FILE) : null;
  const cache = 'public, max-age=86400';
  app.get('/favicon.ico', (c) =>
    c.body(new Uint8Array(ico), 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': cache }),
  );
  if (svg)
    app.get('/favicon.svg', (c) =>
      c.body(new Uint8Array(svg), 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': cache }),
    );
}
