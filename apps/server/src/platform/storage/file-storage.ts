import { randomBytes } from 'node:crypto';

/**
 * Where uploaded files live: local disk (`DATA_DIR/files`) by default, an S3-compatible
 * bucket when `S3_BUCKET` is set. Keys are ours, never a user's filename:
 * `<tenantId>/<ownerId>/<random>`.
 */
export interface FileStorage {
  /** Where files go, for the start-up log (never a credential). */
  readonly description: string;
  put(key: string, data: Uint8Array): Promise<void>;
  /** The file's bytes; throws FileMissingError when there is no such file, another error when storage fails. */
  get(key: string): Promise<Buffer>;
  /** Removes the file (no error when it is already gone). */
  delete(key: string): Promise<void>;
}

/** The key names no stored file: callers tell "gone" apart from "storage is down". */
export class FileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file under ${key}`);
    this.name = 'FileMissingError';
  }
}

export const STORAGE_KEY = /^[a-z]{2,6}_[0-9a-z]{26}\/[a-z]{2,6}_[0-9a-z]{26}\/[0-9a-f]{32}$/;

/** A fresh storage key for a file owned by `ownerId` in a tenant. */
export function newStorageKey(tenantId: string, ownerId: string): string {
  const key = `${tenantId}/${ownerId}/${randomBytes(16).toString('hex')}`;
  if (!STORAGE_KEY.test(key)) throw new Error('Bad storage key parts');
  return key;
}

/** Keys are generated (newStorageKey), but a key read back from the database is checked again. */
export function checkStorageKey(key: string): string {
  if (!STORAGE_KEY.test(key)) throw new Error(`Bad storage key ${JSON.stringify(key)}`);
  return key;
}
