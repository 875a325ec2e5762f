import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, rootLogger, setRootLogger } from '../log';
import { createLocalEmbedder, tablePathIn } from '.';

/**
 * A local model that cannot load (here: a damaged table in DATA_DIR) makes every call reject
 * with the reason, logged once, and is never reported ready: callers fall back to full-text.
 */
const previous = rootLogger();
afterEach(() => setRootLogger(previous));

describe('the local embedding model failing to load', () => {
  it('rejects with the reason, logs it once and stays not ready', async () => {
    const lines: string[] = [];
    setRootLogger(createLogger('warn', { write: (line: string) => void lines.push(line) }));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-embed-fail-'));
    fs.mkdirSync(path.dirname(tablePathIn(dataDir)), { recursive: true });
    fs.writeFileSync(tablePathIn(dataDir), Buffer.alloc(1024));
    const embedder = createLocalEmbedder({ dataDir });
    await expect(embedder.warm()).rejects.toThrow(/wrong size/);
    await expect(embedder.embed(['where is my order?'])).rejects.toThrow(/wrong size/);
    expect(embedder.ready()).toBe(false);
    const logged = lines.filter((l) => l.includes('local embedding model unavailable'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('wrong size');
    await embedder.close();
  });
});
