import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '../src/modules/access/permissions';
import { configSchema } from '../src/platform/config';
import { repoPath } from '../src/platform/paths';

const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
/** The permission table lives in the accounts guide, the variables in the configuration reference. */
const accountsGuide = fs.readFileSync(repoPath('docs/accounts.md'), 'utf8');
const configuration = fs.readFileSync(repoPath('docs/configuration.md'), 'utf8');

describe('documentation', () => {
  it('prints the permission matrix the code enforces', () => {
    const rows = accountsGuide
      .split('\n')
      .filter((line) => /^\| `[a-z_]+\.[a-z_]+` \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const documented = Object.fromEntries(
      rows.map((cells) => [
        cells[1]!.replaceAll('`', ''),
        { roles: ROLES.filter((_, i) => cells[3 + i] === '✓'), scope: cells[8] },
      ]),
    );
    const enforced = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([name, p]) => [
        name,
        { roles: [...p.roles], scope: p.scope === 'manage' ? '—' : p.scope },
      ]),
    );
    expect(documented).toEqual(enforced);
  });

  it('documents every environment variable the server reads', () => {
    const undocumented = Object.keys(configSchema.shape).filter(
      (name) => name !== 'NODE_ENV' && !configuration.includes(`\`${name}\``),
    );
    expect(undocumented).toEqual([]);
  });

  it('keeps the two-command quick start', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
  });

  it('keeps the README short enough to read in two minutes: the rest belongs in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
  });
});
