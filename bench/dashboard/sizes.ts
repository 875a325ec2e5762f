import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface InitialScript {
  /** The entry and the chunks index.html preloads with it: what a first visit runs before any page. */
  files: string[];
  gzip: number;
  raw: number;
  /** Every script chunk of the build, for scale. */
  allGzip: number;
  chunks: number;
}

const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** The dashboard's initial script as built: `<script type="module">` plus its `modulepreload` links. */
export function initialScript(dist: string): InitialScript {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const files = tags
    .filter((tag) => /type="module"|rel="modulepreload"/.test(tag))
    .map((tag) => /(?:src|href)="\/([^"]+\.js)"/.exec(tag)?.[1])
    .filter((file): file is string => Boolean(file));
  if (!files.length) throw new Error(`No script in ${dist}/index.html: build the dashboard first`);
  const all = fs.readdirSync(path.join(dist, 'assets')).filter((name) => name.endsWith('.js'));
  return {
    files,
    gzip: files.reduce((sum, file) => sum + gzip(path.join(dist, file)), 0),
    raw: files.reduce((sum, file) => sum + fs.statSync(path.join(dist, file)).size, 0),
    allGzip: all.reduce((sum, name) => sum + gzip(path.join(dist, 'assets', name)), 0),
    chunks: all.length,
  };
}
