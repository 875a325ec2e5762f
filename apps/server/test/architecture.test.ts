import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SERVER_ROOT } from '../src/platform/paths';
import { importCycles, importGraph, importSpecifiers, sourceFiles as typeScriptFiles } from './support/import-graph';

/**
 * Layering rules that keep tenant isolation in the database's hands:
 * - a module never touches the raw database handle, driver or queue;
 * - only platform services open platform transactions (withPlatform);
 * - modules use each other only through their index.ts;
 * - no import cycles anywhere in src, type-only imports included, and neither modules nor
 *   platform import the file that assembles the app.
 */
const MODULES_DIR = path.join(SERVER_ROOT, 'src', 'modules');

/** Modules that are platform services: they own platform tables (DESIGN §5). */
export const PLATFORM_SERVICE_MODULES = new Set(['tenants', 'accounts', 'admin', 'billing', 'plans']);

const FORBIDDEN_IN_MODULES: Array<[RegExp, string]> = [
  [/^pg$/, 'the pg driver'],
  [/^pg-boss$/, 'pg-boss (use platform/jobs)'],
  [/^drizzle-orm\/node-postgres$/, 'a raw drizzle database'],
  [/^@electric-sql\//, 'PGlite'],
  [/\/platform\/db\/(?!roles$)/, 'the raw database handle (use withTenant)'],
  [/\/platform\/tenancy\/transaction$/, 'transaction internals (use withTenant)'],
  [/\/platform\/jobs\/queue$/, 'the job queue internals (use enqueue)'],
];

/** Files allowed to hold the raw handle, and why (keep in step with eslint.config.js). */
const RAW_HANDLE_EXCEPTIONS = new Set([
  // better-auth runs the authentication tables (platform tables) on its own connection.
  'src/modules/accounts/auth/better-auth.ts',
]);

interface ImportRef {
  file: string;
  specifier: string;
  names: string;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function imports(file: string): ImportRef[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: ImportRef[] = [];
  const pattern =
    /(?:import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    found.push({ file, names: match[2] ?? '', specifier: match[3] ?? match[4]! });
  }
  return found;
}

const moduleOf = (file: string) => path.relative(MODULES_DIR, file).split(path.sep)[0]!;

function resolveRelative(ref: ImportRef): string | null {
  if (!ref.specifier.startsWith('.')) return null;
  return path.resolve(path.dirname(ref.file), ref.specifier);
}

const all = sourceFiles(MODULES_DIR).flatMap(imports);

describe('architecture', () => {
  it('finds the module sources it checks', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it('keeps modules away from the raw database handle, driver and queue', () => {
    const violations = all.flatMap((ref) => {
      if (RAW_HANDLE_EXCEPTIONS.has(path.relative(SERVER_ROOT, ref.file))) return [];
      const target = resolveRelative(ref);
      const normalized = target ? path.relative(SERVER_ROOT, target).replace(/^src/, '') : ref.specifier;
      return FORBIDDEN_IN_MODULES.filter(([pattern]) => pattern.test(normalized)).map(
        ([, what]) => `${path.relative(SERVER_ROOT, ref.file)} imports ${what} (${ref.specifier})`,
      );
    });
    expect(violations).toEqual([]);
  });

  it('lets only platform services open platform transactions', () => {
    const violations = all
      .filter((ref) => /\bwithPlatform\b/.test(ref.names) && !PLATFORM_SERVICE_MODULES.has(moduleOf(ref.file)))
      .map((ref) => path.relative(SERVER_ROOT, ref.file));
    expect(violations).toEqual([]);
  });

  it('makes modules use each other only through index.ts', () => {
    const violations = all.flatMap((ref) => {
      const target = resolveRelative(ref);
      // The registry beside the modules (modules/index.ts) assembles them; it may reach in.
      if (path.dirname(ref.file) === MODULES_DIR) return [];
      if (!target || !target.startsWith(MODULES_DIR + path.sep)) return [];
      const rest = path.relative(MODULES_DIR, target).split(path.sep);
      const [targetModule, ...inner] = rest;
      if (targetModule === moduleOf(ref.file) || targetModule === 'module' || targetModule === 'index') return [];
      return inner.length === 0 || (inner.length === 1 && inner[0] === 'index')
        ? []
        : [`${path.relative(SERVER_ROOT, ref.file)} reaches into ${rest.join('/')}`];
    });
    expect(violations).toEqual([]);
  });
});

const SRC = path.join(SERVER_ROOT, 'src');
const APP_FILE = path.join(SRC, 'app.ts');
const relative = (file: string) => path.relative(SERVER_ROOT, file);

describe('import graph', () => {
  const graph = importGraph(typeScriptFiles(SRC));

  it('reads the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get(APP_FILE)).toContain(path.join(SRC, 'modules', 'index.ts'));
  });

  it('has no import cycle in src, type-only imports included', () => {
    expect(importCycles(graph).map((loop) => loop.map(relative).join(' → '))).toEqual([]);
  });

  it('keeps modules and platform from importing app.ts', () => {
    const layers = [path.join(SRC, 'modules') + path.sep, path.join(SRC, 'platform') + path.sep];
    const importers = [...graph].filter(
      ([file, targets]) => layers.some((layer) => file.startsWith(layer)) && targets.includes(APP_FILE),
    );
    expect(importers.map(([file]) => relative(file))).toEqual([]);
  });

  it('keeps platform away from the modules', () => {
    const modulesDir = path.join(SRC, 'modules') + path.sep;
    const violations = [...graph]
      .filter(([file]) => file.startsWith(path.join(SRC, 'platform') + path.sep))
      .flatMap(([file, targets]) =>
        targets
          .filter((target) => target.startsWith(modulesDir))
          .map((target) => `${relative(file)} → ${relative(target)}`),
      );
    expect(violations).toEqual([]);
  });

  it('finds a cycle made only of type imports, and import() types', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      fs.mkdirSync(path.join(dir, 'inner'));
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './inner/b';\nexport type A = { b: B };\n");
      fs.writeFileSync(path.join(dir, 'inner', 'b.ts'), "export type B = { c: import('../c').C };\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "export type { A as C } from './a';\n");
      fs.writeFileSync(path.join(dir, 'd.ts'), "import type { A } from './a';\nexport type D = A;\n");
      const loops = importCycles(importGraph(typeScriptFiles(dir)));
      expect(loops.map((loop) => loop.map((file) => path.relative(dir, file)))).toEqual([
        ['a.ts', path.join('inner', 'b.ts'), 'c.ts', 'a.ts'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('contract package', () => {
  const CONTRACT = path.join(REPO_ROOT, 'packages', 'contract', 'src');
  const files = typeScriptFiles(CONTRACT);
  // What browsers and tenants' code may load: schemas, the typed fetch client, its query hooks.
  const ALLOWED_PACKAGES = new Set(['zod', '@asteasolutions/zod-to-openapi', 'openapi-fetch', 'openapi-react-query']);

  it('has no import cycle', () => {
    expect(files.length).toBeGreaterThan(3);
    expect(
      importCycles(importGraph(files)).map((loop) => loop.map((file) => path.relative(CONTRACT, file)).join(' → ')),
    ).toEqual([]);
  });

  it('keeps what clients load at run time free of zod (enums, permissions, the client)', () => {
    const graph = importGraph(files);
    const light = ['enums.ts', 'permissions.ts', 'client.ts', 'react-query.ts'].map((name) =>
      path.join(CONTRACT, name),
    );
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of graph.get(file) ?? []) visit(next);
    };
    light.forEach(visit);
    const heavy = [...reached].filter((file) =>
      importSpecifiers(file).some((specifier) => specifier === 'zod' || specifier.startsWith('@asteasolutions/')),
    );
    expect(light.every((file) => graph.has(file))).toBe(true);
    expect(heavy.map((file) => path.relative(CONTRACT, file))).toEqual([]);
  });

  it('imports nothing of the apps and no server package', () => {
    const violations = files.flatMap((file) =>
      importSpecifiers(file)
        .filter((specifier) =>
          specifier.startsWith('.')
            ? !path.resolve(path.dirname(file), specifier).startsWith(CONTRACT)
            : !ALLOWED_PACKAGES.has(specifier),
        )
        .map((specifier) => `${path.relative(CONTRACT, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });
});
