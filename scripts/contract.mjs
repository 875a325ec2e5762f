#!/usr/bin/env node
/**
 * Regenerates packages/contract/openapi.json and packages/contract/src/generated/api.ts
 * from the server's routes (scripts/contract/generate.ts):
 *   npm run contract            write the files
 *   npm run contract -- --check exit 1 when the committed files are out of date
 * The generator is TypeScript that imports the server, so it is bundled with esbuild first
 * (as the server's build does) into a scratch file inside apps/server, whose node_modules
 * then resolve its packages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const scratch = path.join(ROOT, 'apps/server/node_modules/.cache/contract');
fs.mkdirSync(scratch, { recursive: true });
const bundle = path.join(scratch, `generate-${process.pid}.mjs`);

await esbuild.build({
  entryPoints: [path.join(ROOT, 'scripts/contract/generate.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Workspace packages are TypeScript source: bundled, not left for Node to import.
  alias: { '@switchboard/contract': path.join(ROOT, 'packages/contract/src') },
  logLevel: 'warning',
});
try {
  const { generateContract } = await import(pathToFileURL(bundle).href);
  const stale = [];
  for (const file of await generateContract()) {
    const target = path.join(ROOT, file.path);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (current === file.text) continue;
    stale.push(file.path);
    if (!check) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.text);
    }
  }
  if (check && stale.length) {
    console.error(`Out of date: ${stale.join(', ')}. Run npm run contract and commit the result.`);
    process.exitCode = 1;
  } else {
    console.log(stale.length ? `Wrote ${stale.join(', ')}` : 'The contract is up to date.');
  }
} finally {
  fs.rmSync(bundle, { force: true });
}
