/**
 * Builds the widget into dist/: `widget.js` (the loader a host page includes) and
 * `widget/*` (what the loader fetches when the chat opens). Precompressed .gz/.br copies
 * sit beside each file for the static server.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function compress(file) {
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

export async function buildWidget() {
  const esbuild = await import('esbuild');
  const dist = path.join(HERE, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { 'widget': path.join(HERE, 'src/loader.ts') },
    outdir: dist,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const name of fs.readdirSync(dist)) if (name.endsWith('.js')) compress(path.join(dist, name));
}
