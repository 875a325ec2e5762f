import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where uploaded files live. Local disk (`DATA_DIR/files`) in both modes for now; an
 * S3-compatible backend implements the same three calls. Keys are ours, never a user's
 * filename: `<tenantId>/<ownerId>/<random>`.
 */
export interface FileStorage {
  put(key: string, data: Uint8Array): Promise<void>;
  /** The file's bytes; throws when it is missing. */
  get(key: string): Promise<Buffer>;
  /** Removes the file (no error when it is already gone). */
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z]{2,6}_[0-9a-z]{26}\/[a-z]{2,6}_[0-9a-z]{26}\/[0-9a-f]{32}$/;

/** A fresh storage key for a file owned by `ownerId` in a tenant. */
export function newStorageKey(tenantId: string, ownerId: string): string {
  const key = `${tenantId}/${ownerId}/${randomBytes(16).toString('hex')}`;
  if (!KEY.test(key)) throw new Error('Bad storage key parts');
  return key;
}

export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are generated (newStorageKey), but a key read back from the database is checked again.
    if (!KEY.test(key)) throw new Error(`Bad storage key ${JSON.stringify(key)}`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside then renamed, so a crash never leaves half a file under the key.
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o600 });
    await fs.rename(temp, file);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await fs.rm(file, { force: true });
    // The owner's folder goes with its last file; the tenant's folder stays.
    await fs.rmdir(path.dirname(file)).catch(() => undefined);
  }
}

let storage: FileStorage | null = null;

export function configureStorage(value: FileStorage | null): void {
  storage = value;
}

export function fileStorage(): FileStorage {
  if (!storage) throw new Error('File storage is not configured');
  return storage;
}
