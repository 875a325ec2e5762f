#!/usr/bin/env node
// `npm run bench`: bundles bench/run.ts with esbuild (inside the server package so its paths
// resolve) and runs it with the given arguments.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(ROOT, 'apps/server/.tmp/bench/run.mjs');
fs.mkdirSync(path.dirname(outfile), { recursive: true });
await esbuild.build({
  entryPoints: [path.join(ROOT, 'bench/run.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Workspace packages are TypeScript source: bundled, not left for Node to import.
  alias: { '@switchboard/contract': path.join(ROOT, 'packages/contract/src') },
  logLevel: 'warning',
  define: { 'import.meta.dirname': JSON.stringify(path.join(ROOT, 'bench')) },
  // Workspace packages ship TypeScript sources: bundled, not left for Node to load.
  plugins: [
    {
      name: 'workspace-sources',
      setup(build) {
        build.onResolve({ filter: /^@switchboard\/contract(\/.*)?$/ }, (args) => {
          const sub = args.path.slice('@switchboard/contract'.length).replace(/^\//, '') || 'index';
          return { path: path.join(ROOT, 'packages/contract/src', `${sub}.ts`) };
        });
      },
    },
  ],
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
process.exit(result.status ?? 1);
