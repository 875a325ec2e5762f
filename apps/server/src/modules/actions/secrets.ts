import { secrets } from '../../platform/crypto';

// The associated data binds a ciphertext to its workspace, action and header: copied elsewhere, it won't decrypt.
const aad = (tenantId: string, actionId: string, header: string) =>
  `action:${tenantId}:${actionId}:${header.toLowerCase()}`;

export const sealHeader = (tenantId: string, actionId: string, header: string, value: string) =>
  secrets().encrypt(value, aad(tenantId, actionId, header));
export const openHeader = (tenantId: string, actionId: string, header: string, sealed: string) =>
  secrets().decrypt(sealed, aad(tenantId, actionId, header));

/** What the dashboard shows of a secret: its last characters, and only of a long one. */
export const hintOf = (value: string) => (value.length >= 12 ? `••••${value.slice(-4)}` : '••••');
