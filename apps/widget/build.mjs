/**
 * Builds the widget into dist/: `widget.js` (the loader a host page includes) and
 * `widget/chat-<hash>.js` (the chat it loads when opened; the hash lets it be cached for a
 * year while widget.js itself stays short-lived). Precompressed .gz/.br copies sit beside
 * each file for the static server.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function compress(file) {
  const body = fs.readFileSync(file);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
}

const common = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
};

export async function buildWidget() {
  const esbuild = await import('esbuild');
  const dist = path.join(HERE, 'dist');
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(path.join(dist, 'widget'), { recursive: true });
  const chat = await esbuild.build({
    ...common,
    entryPoints: [path.join(HERE, 'src/chat/index.ts')],
    outfile: 'chat.js',
  });
  const code = chat.outputFiles[0].contents;
  const chatFile = `chat-${createHash('sha256').update(code).digest('hex').slice(0, 10)}.js`;
  fs.writeFileSync(path.join(dist, 'widget', chatFile), code);
  const loader = await esbuild.build({
    ...common,
    entryPoints: [path.join(HERE, 'src/loader.ts')],
    outfile: 'widget.js',
    define: { __CHAT_FILE__: JSON.stringify(chatFile) },
  });
  fs.writeFileSync(path.join(dist, 'widget.js'), loader.outputFiles[0].contents);
  compress(path.join(dist, 'widget.js'));
  compress(path.join(dist, 'widget', chatFile));
  return { loader: path.join(dist, 'widget.js'), chat: path.join(dist, 'widget', chatFile) };
}
