import { CONVERSATION_CURSOR } from '@switchboard/contract/common';
import { sql, type SQL } from 'drizzle-orm';
import { conversations } from './schema';

/**
 * Keyset pages of conversations by latest activity, `(updated_at, id)` descending. The
 * cursor's time is printed by the database with its microseconds: read into a JS Date it
 * would lose them, and the next page would repeat or skip rows updated in that millisecond.
 */
const CURSOR = CONVERSATION_CURSOR;

/** The cursor of a row, as a selected column. */
export const cursorColumn = sql<string>`to_char(${conversations.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || ${conversations.id}`;

/** Rows after the cursor; a malformed cursor starts from the top (the route validates its shape). */
export function afterCursor(cursor: string | undefined): SQL | null {
  const match = cursor ? CURSOR.exec(cursor) : null;
  if (!match) return null;
  return sql`(${conversations.updatedAt}, ${conversations.id}) < (${match[1]}::timestamptz, ${match[2]})`;
}
