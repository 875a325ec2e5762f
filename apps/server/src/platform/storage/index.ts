import type { Config } from '../config';
import type { FileStorage } from './file-storage';
import { LocalDiskStorage } from './local-disk';

/** The configured backend. The S3 client is loaded only when a bucket is configured. */
export async function createFileStorage(config: Config): Promise<FileStorage> {
  if (!config.s3) return new LocalDiskStorage(`${config.dataDir}/files`);
  const { createS3Storage } = await import('./s3');
  return createS3Storage(config.s3);
}

let storage: FileStorage | null = null;

export function configureStorage(value: FileStorage | null): void {
  storage = value;
}

export function fileStorage(): FileStorage {
  if (!storage) throw new Error('File storage is not configured');
  return storage;
}

export { LocalDiskStorage } from './local-disk';
export { checkStorageKey, FileMissingError, newStorageKey, STORAGE_KEY, type FileStorage } from './file-storage';
