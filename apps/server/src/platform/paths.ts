import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The server package's root, found by walking up from this file, so that it is right both
 * from the TypeScript sources (tests) and from the bundle in `dist/`.
 */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === '@switchboard/server') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the @switchboard/server package root');
    dir = parent;
  }
}

export const SERVER_ROOT = findPackageRoot();
export const REPO_ROOT = path.resolve(SERVER_ROOT, '../..');

export const packagePath = (...parts: string[]): string => path.join(SERVER_ROOT, ...parts);
export const repoPath = (...parts: string[]): string => path.join(REPO_ROOT, ...parts);
