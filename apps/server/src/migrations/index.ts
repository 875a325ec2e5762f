import type { Migration } from '../platform/db/migrate';
import { m0001 } from './0001_foundation';
import { m0002 } from './0002_accounts';

/** Every migration, in order. Never edit one that has shipped: add the next. */
export const migrations: readonly Migration[] = [m0001, m0002];
