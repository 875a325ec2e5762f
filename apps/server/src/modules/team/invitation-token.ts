import { hashToken, randomToken } from '../accounts';

/**
 * `inv_<32 secret chars>_<tenant id body>`: the tenant part routes the lookup to that
 * workspace's rows; only a hash of the whole token is stored.
 */
const TOKEN = /^inv_([A-Za-z0-9]{32})_([0-9a-z]{26})$/;

export function newInvitationToken(tenantId: string): { token: string; hash: string } {
  const token = `inv_${randomToken(32)}_${tenantId.slice(4)}`;
  return { token, hash: hashToken(token, 'invitation') };
}

export function parseInvitationToken(token: string): { tenantId: string; hash: string } | null {
  const match = TOKEN.exec(token);
  return match ? { tenantId: `ten_${match[2]}`, hash: hashToken(token, 'invitation') } : null;
}
