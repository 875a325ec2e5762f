import type { Database } from './database';

/**
 * The process's database, set once at start-up. Only platform code reads it: modules
 * reach data through withTenant/withPlatform (enforced by the lint rules).
 */
let current: Database | null = null;

export function setDatabase(database: Database | null): void {
  current = database;
}

export function getDatabase(): Database {
  if (!current) throw new Error('The database is not open yet');
  return current;
}

export function hasDatabase(): boolean {
  return current !== null;
}
