import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface BundleSizes {
  loader: { raw: number; gzip: number; brotli: number };
  chat: { raw: number; gzip: number; brotli: number };
}

const measure = (file: string) => {
  const body = fs.readFileSync(file);
  return {
    raw: body.length,
    gzip: zlib.gzipSync(body, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

/** What a visitor downloads: widget.js, then the chat bundle it loads (as built, compressed as served). */
export function bundleSizes(dist: string): BundleSizes {
  const chat = fs.readdirSync(path.join(dist, 'widget')).find((name) => /^chat-[0-9a-f]+\.js$/.test(name));
  if (!chat) throw new Error(`No chat bundle in ${dist}/widget: build the widget first`);
  return { loader: measure(path.join(dist, 'widget.js')), chat: measure(path.join(dist, 'widget', chat)) };
}
