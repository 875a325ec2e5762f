#!/usr/bin/env node
/**
 * Builds the server bundle, the widget and the dashboard, each only when its inputs
 * changed since the last build (a fingerprint of paths, sizes and mtimes in dist/).
 *   node scripts/build.mjs [--force] [--only=server|widget|dashboard]
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(ROOT, ...parts);

function fingerprint(inputs) {
  const hash = createHash('sha256');
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort())
        if (name !== 'node_modules' && name !== 'dist') walk(path.join(p, name));
    } else if (!/\.test\.tsx?$/.test(p)) {
      hash.update(`${path.relative(ROOT, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  inputs.forEach(walk);
  return hash.digest('hex');
}

const targets = {
  server: {
    inputs: [
      at('apps/server/src'),
      at('packages/contract/src'),
      at('apps/server/package.json'),
      at('package-lock.json'),
    ],
    dist: at('apps/server/dist'),
    async build() {
      const esbuild = await import('esbuild');
      await esbuild.build({
        // The extraction process's script ships beside the server (see ingest/sandbox/entry.ts).
        entryPoints: {
          cli: at('apps/server/src/cli.ts'),
          'extract-child': at('apps/server/src/modules/knowledge/ingest/sandbox/child.ts'),
        },
        outdir: at('apps/server/dist'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        // The contract package is TypeScript source: bundled in, not left for Node to import.
        alias: { '@switchboard/contract': at('packages/contract/src') },
        sourcemap: true,
        logLevel: 'warning',
      });
    },
  },
  widget: {
    inputs: [at('apps/widget/src'), at('apps/widget/build.mjs'), at('packages/contract/src')],
    dist: at('apps/widget/dist'),
    async build() {
      const { buildWidget } = await import(at('apps/widget/build.mjs'));
      await buildWidget();
    },
  },
  dashboard: {
    inputs: [
      at('apps/dashboard/src'),
      at('packages/contract/src'),
      at('apps/dashboard/index.html'),
      at('apps/dashboard/vite.config.ts'),
      at('apps/dashboard/public'),
    ],
    dist: at('apps/dashboard/dist'),
    async build() {
      const { build } = await import('vite');
      await build({ root: at('apps/dashboard'), configFile: at('apps/dashboard/vite.config.ts'), logLevel: 'warn' });
    },
  },
};

export async function buildAll({ force = false, only = null, quiet = false } = {}) {
  for (const [name, target] of Object.entries(targets)) {
    if (only && only !== name) continue;
    const stampFile = path.join(target.dist, '.build-stamp');
    const stamp = fingerprint(target.inputs);
    if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) continue;
    const started = Date.now();
    if (!quiet) process.stdout.write(`Building ${name}… `);
    await target.build();
    fs.mkdirSync(target.dist, { recursive: true });
    fs.writeFileSync(stampFile, stamp);
    if (!quiet) process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? null;
  await buildAll({ force, only });
}
