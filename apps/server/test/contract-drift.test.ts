import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/platform/paths';

const run = promisify(execFile);

/**
 * The dashboard reads the server's answers through the contract's generated types, so a
 * response schema that changes under it is a compile error, not a blank page. This renames a
 * field of a lead (as a server change would) in a copy of the generated types and typechecks
 * the dashboard against that copy: the compiler must name the field where the page reads it.
 */
describe('a response schema change', () => {
  // Inside the repository, so the copy's imports (openapi-fetch) resolve as the original's do.
  const scratch = path.join(REPO_ROOT, 'node_modules', '.cache', `contract-drift-${process.pid}`);
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("breaks the dashboard's typecheck, naming the field", async () => {
    const contract = path.join(REPO_ROOT, 'packages', 'contract', 'src');
    const generated = fs.readFileSync(path.join(contract, 'generated', 'api.ts'), 'utf8');
    // A lead's `consentText` becomes `consentWording`: the schema block, and only it.
    const start = generated.indexOf('        Lead: {');
    const end = generated.indexOf('\n        };', start);
    expect(start).toBeGreaterThan(0);
    const block = generated.slice(start, end);
    expect(block).toContain('consentText: string | null;');
    const changed = generated.slice(0, start) + block.replace('consentText:', 'consentWording:') + generated.slice(end);

    fs.mkdirSync(path.join(scratch, 'generated'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'generated', 'api.ts'), changed);
    fs.copyFileSync(path.join(contract, 'client.ts'), path.join(scratch, 'client.ts'));
    const dashboard = path.join(REPO_ROOT, 'apps', 'dashboard');
    fs.writeFileSync(
      path.join(scratch, 'tsconfig.json'),
      JSON.stringify({
        extends: path.join(dashboard, 'tsconfig.json'),
        compilerOptions: {
          incremental: false,
          paths: { '@switchboard/contract/client': [path.join(scratch, 'client.ts')] },
        },
        include: [path.join(dashboard, 'src')],
      }),
    );

    const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await run(process.execPath, [tsc, '-p', path.join(scratch, 'tsconfig.json'), '--pretty', 'false'], {
      cwd: REPO_ROOT,
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      ({ stdout }) => stdout,
      (failure: { stdout?: string }) => failure.stdout ?? '',
    );
    const errors = output.split('\n').filter((line) => / error TS\d+:/.test(line));
    expect(errors.length).toBeGreaterThan(0);
    // Every error is about the renamed field: the copy is otherwise the dashboard's real setup.
    expect(errors.filter((line) => !line.includes("Property 'consentText' does not exist"))).toEqual([]);
    expect(errors.some((line) => line.startsWith('apps/dashboard/src/features/leads/lead-detail-panel.tsx'))).toBe(
      true,
    );
  }, 300_000);
});
