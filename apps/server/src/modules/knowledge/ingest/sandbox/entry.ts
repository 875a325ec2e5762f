import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packagePath } from '../../../../platform/paths';

let bundled: Promise<string> | null = null;

/**
 * The extraction process's script. The server bundle ships it beside itself
 * (dist/extract-child.js, built with cli.js); run from the TypeScript sources (tests,
 * benchmarks) it is bundled once, named by its content so concurrent test processes share it.
 */
export function extractionChildScript(): Promise<string> {
  const dist = packagePath('dist');
  if (fileURLToPath(import.meta.url).startsWith(dist + path.sep))
    return Promise.resolve(path.join(dist, 'extract-child.js'));
  return (bundled ??= bundleFromSource());
}

async function bundleFromSource(): Promise<string> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [packagePath('src/modules/knowledge/ingest/sandbox/child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0]!.contents;
  const file = packagePath(
    '.tmp',
    'extract-child',
    `${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`,
  );
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
  }
  return file;
}
