import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../paths';

/**
 * The local embedding model never touches the network: its threads run with every socket,
 * DNS and fetch entry point replaced by one that throws and records the attempt (see
 * test/fixtures/no-network/guard.mjs), from loading the packaged weights and building the
 * table to embedding text. The guard must also show it was loaded in the model's threads.
 */
describe('the local embedding model', () => {
  it('loads its weights, builds its table and embeds with no network access', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-no-network-'));
    const guard = packagePath('test/fixtures/no-network/guard.mjs');
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        guard,
        packagePath('test/fixtures/no-network/embed.mjs'),
        packagePath('src/platform/embedder/worker.mjs'),
        path.join(dir, 'table.f32'),
      ],
      { env: { PATH: process.env.PATH, GUARD_DIR: dir }, encoding: 'utf8', timeout: 240_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const attempts = fs.existsSync(path.join(dir, 'attempts'))
      ? fs.readFileSync(path.join(dir, 'attempts'), 'utf8')
      : '';
    expect(attempts).toBe('');
    // The main thread and the two model threads (distil, then serve).
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('loaded-'))).toHaveLength(3);
    const out = JSON.parse(result.stdout.trim()) as { dimensions: number; related: number; unrelated: number };
    expect(out.dimensions).toBe(512);
    expect(out.related).toBeGreaterThan(out.unrelated);
  }, 300_000);
});
