import type { Cipher } from './cipher';
import type { SecretKey } from './secret-key';

export { createCipher, DecryptError, type Cipher } from './cipher';
export { deriveKey, keyFingerprint, resolveSecretKey, type SecretKey } from './secret-key';
export { openClaims, sealClaims, type OpenedClaims } from './signed-claims';

let cipher: Cipher | null = null;
let secretKey: SecretKey | null = null;

export function setSecrets(key: SecretKey | null, value: Cipher | null): void {
  secretKey = key;
  cipher = value;
}

/** The process's cipher for secrets at rest. */
export function secrets(): Cipher {
  if (!cipher) throw new Error('Secrets are not configured yet');
  return cipher;
}

export function currentSecretKey(): SecretKey {
  if (!secretKey) throw new Error('Secrets are not configured yet');
  return secretKey;
}
