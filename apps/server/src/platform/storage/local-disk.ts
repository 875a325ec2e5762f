import fs from 'node:fs/promises';
import path from 'node:path';
import { checkStorageKey, FileMissingError, type FileStorage } from './file-storage';

/** Files under one directory (DATA_DIR/files): the embedded default, or a shared volume. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  get description(): string {
    return `local disk (${this.root})`;
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...checkStorageKey(key).split('/'));
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written aside then renamed, so a crash never leaves half a file under the key.
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, data, { mode: 0o600 });
    await fs.rename(temp, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new FileMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await fs.rm(file, { force: true });
    // The owner's folder goes with its last file; the tenant's folder stays.
    await fs.rmdir(path.dirname(file)).catch(() => undefined);
  }
}
