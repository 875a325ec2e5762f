import { inArray } from 'drizzle-orm';
import { ValidationError } from '../../platform/errors';
import type { Tx } from '../../platform/tenancy';
import { actions } from './schema';

/**
 * An agent may enable only its own workspace's actions: under row-level security another
 * workspace's id finds nothing here, and is refused like an id that never existed.
 */
export async function assertActionsExist(tx: Tx, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const found = await tx.db
    .select({ id: actions.id })
    .from(actions)
    .where(inArray(actions.id, [...ids]));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new ValidationError('The agent configuration is not valid.', [
      { path: 'tools.actionIds', message: `No such action: ${missing.join(', ')}` },
    ]);
}
