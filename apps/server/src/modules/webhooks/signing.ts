import { createHmac, randomBytes } from 'node:crypto';
import { secrets } from '../../platform/crypto';

/** Standard Webhooks secrets: `whsec_` and the base64 of random bytes (the bytes are the HMAC key). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const keyOf = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for one secret. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per valid secret, space-separated (rotation overlap). */
export function signatureHeader(validSecrets: readonly string[], id: string, timestamp: number, body: string): string {
  return validSecrets.map((secret) => signature(secret, id, timestamp, body)).join(' ');
}

// The associated data binds a ciphertext to its workspace and endpoint: copied elsewhere, it won't decrypt.
const aad = (tenantId: string, endpointId: string) => `webhook:${tenantId}:${endpointId}`;

export const sealSecret = (tenantId: string, endpointId: string, secret: string) =>
  secrets().encrypt(secret, aad(tenantId, endpointId));
export const openSecret = (tenantId: string, endpointId: string, sealed: string) =>
  secrets().decrypt(sealed, aad(tenantId, endpointId));
