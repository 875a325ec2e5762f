import { eq } from 'drizzle-orm';
import { newAccountInput } from '@switchboard/contract/accounts';
import type { z } from 'zod';
import { ConflictError } from '../../platform/errors';
import { withPlatform } from '../../platform/tenancy';
import { platformSettings } from '../../platform/settings/schema';
import { getAuth } from './auth/instance';
import { SUPER_ADMIN_ROLE } from './auth/better-auth';
import { users } from './schema';

/**
 * A person created by the operator (CLI, first-run setup): their address is vouched for, so
 * no verification mail is sent. Without a password they set one through "forgot password".
 * Returns the existing user when the address is taken.
 */
export async function provisionUser(input: {
  email: string;
  name: string;
  password?: string;
}): Promise<{ id: string; created: boolean }> {
  const ctx = await getAuth().$context;
  const email = input.email.trim().toLowerCase();
  const existing = await ctx.internalAdapter.findUserByEmail(email);
  if (existing) return { id: existing.user.id, created: false };
  const user = await ctx.internalAdapter.createUser(
    { email, name: input.name, emailVerified: true },
    { method: 'admin' },
  );
  if (input.password) {
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: await ctx.password.hash(input.password),
    });
  }
  return { id: user.id, created: true };
}

export async function makeSuperAdmin(userId: string): Promise<void> {
  await withPlatform((tx) =>
    tx.db.update(users).set({ role: SUPER_ADMIN_ROLE, updatedAt: new Date() }).where(eq(users.id, userId)),
  );
}

export async function isSetupNeeded(): Promise<boolean> {
  const rows = await withPlatform((tx) =>
    tx.db.select({ id: users.id }).from(users).where(eq(users.role, SUPER_ADMIN_ROLE)).limit(1),
  );
  return rows.length === 0;
}

/**
 * The first-run /setup page: creates the first platform administrator, once. A settings row
 * claimed before the user is created makes two simultaneous submissions yield one admin.
 */
export async function completeSetup(input: z.input<typeof newAccountInput>): Promise<{ userId: string }> {
  const data = newAccountInput.parse(input);
  const claimed = await withPlatform(async (tx) => {
    if (!(await isSetupNeeded())) return false;
    const rows = await tx.db
      .insert(platformSettings)
      .values({ key: 'setup_completed', value: { at: new Date().toISOString() } })
      .onConflictDoNothing()
      .returning();
    return rows.length === 1;
  });
  if (!claimed) throw new ConflictError('Setup is already complete: sign in instead.', 'setup_done');
  try {
    const { id, created } = await provisionUser(data);
    if (!created)
      throw new ConflictError(
        'That address already has an account: sign in, then ask an administrator.',
        'email_taken',
      );
    await makeSuperAdmin(id);
    return { userId: id };
  } catch (error) {
    await withPlatform((tx) => tx.db.delete(platformSettings).where(eq(platformSettings.key, 'setup_completed')));
    throw error;
  }
}
