import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { secrets } from '../../platform/crypto';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { randomToken } from '../accounts';
import { recordAudit } from '../audit';
import { widgetIdentitySecrets } from './schema';

/**
 * Identity verification: the site's server computes HMAC-SHA256(secret, userId) in hex and
 * passes it to `Switchboard.identify({ userId, hash })`. Only then is the visitor that user
 * (and sees that user's conversations). The secret is stored encrypted and shown once.
 */
const aad = (tenantId: string) => `widget-identity:${tenantId}`;

export interface IdentityStatus {
  configured: boolean;
  hint: string | null;
  rotatedAt: Date | null;
}

export async function identitySecretStatus(ctx: ServiceContext): Promise<IdentityStatus> {
  assertCan(ctx, 'channels.manage');
  const [row] = await withTenant(ctx, (tx) => tx.db.select().from(widgetIdentitySecrets));
  return { configured: Boolean(row), hint: row ? `••••${row.hint}` : null, rotatedAt: row?.rotatedAt ?? null };
}

/** Makes a new secret (the old one stops verifying at once) and returns it: the only time it is shown. */
export async function rotateIdentitySecret(ctx: ServiceContext): Promise<{ secret: string; status: IdentityStatus }> {
  assertCan(ctx, 'channels.manage');
  const secret = `idv_${randomToken(40)}`;
  const values = {
    tenantId: ctx.tenantId,
    secretCiphertext: secrets().encrypt(secret, aad(ctx.tenantId)),
    hint: secret.slice(-4),
    createdBy: ctx.actor.type === 'user' ? ctx.actor.userId : null,
    rotatedAt: new Date(),
  };
  const row = await withTenant(ctx, async (tx) => {
    const [existing] = await tx.db
      .select({ hint: widgetIdentitySecrets.hint })
      .from(widgetIdentitySecrets)
      .for('update');
    const [stored] = await tx.db
      .insert(widgetIdentitySecrets)
      .values(values)
      .onConflictDoUpdate({
        target: widgetIdentitySecrets.tenantId,
        set: {
          secretCiphertext: values.secretCiphertext,
          hint: values.hint,
          createdBy: values.createdBy,
          rotatedAt: values.rotatedAt,
        },
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: existing ? 'widget.identity_secret_rotated' : 'widget.identity_secret_created',
      targetType: 'widget_identity_secret',
      before: existing ? { hint: `••••${existing.hint}` } : null,
      after: { hint: `••••${values.hint}` },
    });
    return stored!;
  });
  return { secret, status: { configured: true, hint: `••••${row.hint}`, rotatedAt: row.rotatedAt } };
}

export const identityHash = (secret: string, userId: string) =>
  createHmac('sha256', secret).update(userId).digest('hex');

/** 'verified', 'invalid' (a hash that does not match), or 'not_configured' (no secret yet). */
export async function checkIdentity(
  tenantId: string,
  userId: string,
  hash: string,
): Promise<'verified' | 'invalid' | 'not_configured'> {
  const [row] = await withTenant({ tenantId }, (tx) =>
    tx.db.select().from(widgetIdentitySecrets).where(eq(widgetIdentitySecrets.tenantId, tenantId)),
  );
  if (!row) return 'not_configured';
  const expected = Buffer.from(identityHash(secrets().decrypt(row.secretCiphertext, aad(tenantId)), userId));
  const given = Buffer.from(hash.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'verified' : 'invalid';
}
