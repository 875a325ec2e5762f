import fs from 'node:fs';
import path from 'node:path';

/** Browser tests drive the built bundles: build whatever is stale first. */
export default async function setup() {
  const root = path.resolve(import.meta.dirname, '../..');
  const { buildAll } = (await import(path.join(root, 'scripts', 'build.mjs'))) as {
    buildAll: (o: object) => Promise<void>;
  };
  await buildAll({ quiet: true });
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error('Browser tests need Chromium: apt-get install chromium (or set CHROMIUM_PATH)');
  }
}
