import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey, type SecretKey } from './secret-key';

/**
 * AES-256-GCM for secrets at rest (tenant model keys, channel tokens, webhook secrets).
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url). The associated data binds a
 * ciphertext to where it belongs (e.g. the tenant and field), so a value copied to
 * another tenant's row does not decrypt.
 */
export interface Cipher {
  encrypt(plaintext: string, associatedData: string): string;
  decrypt(token: string, associatedData: string): string;
}

export class DecryptError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt secret: ${reason}`);
    this.name = 'DecryptError';
  }
}

export function createCipher(current: SecretKey, previous: SecretKey[] = []): Cipher {
  const keys = new Map([current, ...previous].map((k) => [k.id, deriveKey(k, 'encryption')]));
  const currentKey = keys.get(current.id)!;
  return {
    encrypt(plaintext, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', current.id, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join(
        '.',
      );
    },
    decrypt(token, associatedData) {
      const [version, keyId, iv, tag, body] = token.split('.');
      if (version !== 'v1' || !keyId || !iv || !tag || body === undefined) throw new DecryptError('unknown format');
      const key = keys.get(keyId);
      if (!key) throw new DecryptError(`key ${keyId} is not configured`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new DecryptError('authentication failed');
      }
    },
  };
}
