import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * pg-boss 11 declares Node >=22 and this project runs on Node 20 (see queue.ts). That holds
 * only while pg-boss's code uses nothing Node 20 lacks: this test reads the installed code and
 * fails on a built-in module outside the known set or on a global added after Node 20, so an
 * update that starts needing Node 22 is caught here rather than in production.
 */
const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('pg-boss/package.json'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};
const sources = fs
  .readdirSync(path.join(root, 'src'))
  .filter((name) => name.endsWith('.js'))
  .map((name) => ({ name, code: fs.readFileSync(path.join(root, 'src', name), 'utf8') }));

const NODE_20_BUILTINS = new Set(['node:assert', 'node:crypto', 'node:events', 'node:timers/promises']);
/** APIs that arrived after Node 20 (Node 21–24), as they would be written. */
const NEWER_APIS = [
  /Promise\.withResolvers/,
  /Array\.fromAsync/,
  /(Object|Map)\.groupBy/,
  /\.(union|intersection|difference|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
  /Iterator\.from|\.values\(\)\.(map|filter|take|drop|flatMap|reduce|toArray)\(/,
  /process\.getBuiltinModule/,
  /require\(['"]node:sqlite['"]\)/,
  /\bnavigator\b|\bWebSocket\b|URL\.parse\(|RegExp\.escape|Error\.isError|Float16Array/,
];

describe('pg-boss on Node 20', () => {
  it('is the release line documented in queue.ts', () => {
    expect(manifest.version).toMatch(/^11\./);
    expect(sources.length).toBeGreaterThan(5);
  });

  it('requires only built-in modules that Node 20 has', () => {
    const required = new Set(
      sources.flatMap(({ code }) => [...code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!)),
    );
    const external = [...required].filter((id) => !id.startsWith('.'));
    expect(external.filter((id) => !NODE_20_BUILTINS.has(id) && !Object.hasOwn(manifest.dependencies, id))).toEqual([]);
    expect(external.filter((id) => NODE_20_BUILTINS.has(id)).length).toBeGreaterThan(0);
  });

  it('uses no API added after Node 20', () => {
    const found = sources.flatMap(({ name, code }) =>
      NEWER_APIS.filter((api) => api.test(code)).map((api) => `${name}: ${api.source}`),
    );
    expect(found).toEqual([]);
  });
});
