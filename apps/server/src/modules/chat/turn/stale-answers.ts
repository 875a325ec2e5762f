import { sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/tenancy';

/**
 * An answer still "streaming" after this long was cut off by a crash: the next answer's
 * finishing transaction (off the path to its first token) marks it interrupted.
 */
const STALE_MS = 5 * 60_000;

const STALE_ERROR = 'The answer was cut off (the server stopped).';

/** Marks them, as a statement (also a part of finishTurn's), sparing the answer `finishing` finishes. */
export function staleAnswers(conversationId: string, finishing: string) {
  return sql`UPDATE messages SET status = 'interrupted', error = ${STALE_ERROR}
    WHERE conversation_id = ${conversationId} AND status = 'streaming' AND id <> ${finishing} AND created_at < now() - make_interval(secs => ${STALE_MS / 1000})`;
}

export async function markStaleAnswers(tx: Tx, conversationId: string): Promise<void> {
  await tx.db.execute(staleAnswers(conversationId, ''));
}
