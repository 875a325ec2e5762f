import fs from 'node:fs';
import path from 'node:path';
import { createHash, hkdfSync, randomBytes } from 'node:crypto';

export interface SecretKey {
  /** Master secret; purpose keys are derived from it, never used directly. */
  readonly material: Buffer;
  readonly source: 'env' | 'file' | 'generated';
  /** Short public id of the key (safe to store and log). */
  readonly id: string;
}

export const SECRET_FILE = 'secret.key';

function fromMaterial(material: Buffer, source: SecretKey['source']): SecretKey {
  const id = createHash('sha256').update('switchboard-key-id').update(material).digest('hex').slice(0, 8);
  return { material, source, id };
}

/**
 * SECRET_KEY when set; otherwise `DATA_DIR/secret.key`, generated on first start with
 * mode 0600 and reused after. Losing it makes encrypted secrets unreadable, so the file is
 * created exclusively and never overwritten.
 */
export function resolveSecretKey(secretKey: string | undefined, dataDir: string): SecretKey {
  if (secretKey) return fromMaterial(Buffer.from(secretKey, 'utf8'), 'env');
  const file = path.join(dataDir, SECRET_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    const material = randomBytes(32).toString('base64url');
    fs.writeSync(fd, `${material}\n`);
    fs.closeSync(fd);
    return fromMaterial(Buffer.from(material, 'utf8'), 'generated');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const material = fs.readFileSync(file, 'utf8').trim();
  if (material.length < 32) throw new Error(`${file} is damaged (too short); restore it from a backup`);
  return fromMaterial(Buffer.from(material, 'utf8'), 'file');
}

const derived = new WeakMap<SecretKey, Map<string, Buffer>>();

/**
 * A 32-byte key for one purpose (encryption, signing, …), derived with HKDF-SHA256 — once per
 * key and purpose (every API request hashes its key with one). A fresh copy each call, so a
 * caller that wipes or changes its buffer changes nobody else's.
 */
export function deriveKey(key: SecretKey, purpose: string): Buffer {
  let byPurpose = derived.get(key);
  if (!byPurpose) derived.set(key, (byPurpose = new Map()));
  let known = byPurpose.get(purpose);
  if (!known)
    byPurpose.set(
      purpose,
      (known = Buffer.from(hkdfSync('sha256', key.material, Buffer.alloc(0), `switchboard:${purpose}`, 32))),
    );
  return Buffer.from(known);
}

/** Stored in the database at first start; a different key later is refused. */
export function keyFingerprint(key: SecretKey): string {
  return deriveKey(key, 'fingerprint').toString('hex').slice(0, 32);
}
