import type { Config } from '../platform/config';
import { newAccountInput } from '@switchboard/contract/accounts';
import { makeSuperAdmin, provisionUser } from '../modules/accounts';
import { requireOption, UsageError, withCommandRuntime } from './with-runtime';

export async function runAdminCreate(
  config: Config,
  values: Record<string, string | boolean | undefined>,
): Promise<number> {
  const email = requireOption(values, 'email');
  const password = requireOption(values, 'password');
  const name = typeof values.name === 'string' && values.name.trim() ? values.name.trim() : email.split('@')[0]!;
  const parsed = newAccountInput.safeParse({ email, password, name });
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
  return withCommandRuntime(
    config,
    async () => {
      const user = await provisionUser(parsed.data);
      await makeSuperAdmin(user.id);
      if (values.json)
        console.log(JSON.stringify({ userId: user.id, email: parsed.data.email, created: user.created }));
      else if (user.created)
        console.log(`Created platform administrator ${parsed.data.email}. Sign in at ${config.appUrl}/login`);
      else
        console.log(
          `${parsed.data.email} already had an account; it is now a platform administrator (its password is unchanged).`,
        );
      return 0;
    },
    { json: Boolean(values.json) },
  );
}
