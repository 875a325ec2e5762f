import { sql } from 'drizzle-orm';
import { PROCESS_ID, processAlive, type OrphanRecovery } from '../../../platform/processes';

/**
 * Answers cut off by a crash. An answer is "streaming" from the moment its turn claims the
 * reply slot until its process stores it; if that process dies first, nobody will finish it.
 * Such an answer is marked interrupted, and a retry with its Idempotency-Key answers it again
 * (see resume-turn). Every statement here names the answer row `m`.
 */
export const CUT_OFF = 'The answer was cut off (the server stopped).';

/** Answers claimed before claims named their process: judged by age, as they always were. */
const UNOWNED_STALE_SECONDS = 5 * 60;

/** SQL: answer `m` is still being written by a live process (`self`: this one, alive by definition). */
export function answerAlive(self: string | null = PROCESS_ID) {
  return sql`(CASE WHEN m.answered_by IS NULL THEN m.created_at > now() - make_interval(secs => ${UNOWNED_STALE_SECONDS}) ELSE ${processAlive(sql`m.answered_by`, self)} END)`;
}

/** SQL: answer `m` was claimed and never stored, and can be answered again (cut off, or its process is dead). */
export function answerResumable() {
  return sql`(m.latency_ms IS NULL AND (m.status = 'interrupted' OR (m.status = 'streaming' AND NOT ${answerAlive()})))`;
}

/** Marks a conversation's cut-off answers, sparing the answer `finishing` finishes (a part of finishTurn's statement). */
export function orphanedAnswers(conversationId: string, finishing: string) {
  return sql`UPDATE messages m SET status = 'interrupted', error = ${CUT_OFF}
    WHERE m.conversation_id = ${conversationId} AND m.status = 'streaming' AND m.id <> ${finishing} AND NOT ${answerAlive()}`;
}

/** The chat module's recovery: every answer, in every workspace, whose process is dead. */
export const recoverOrphanedAnswers: OrphanRecovery = async (tx, scope) => {
  const marked = await tx.db.execute(sql`UPDATE messages m SET status = 'interrupted', error = ${CUT_OFF}
    WHERE m.status = 'streaming' AND (${scope.everyone} OR NOT ${answerAlive(null)})`);
  return marked.rowCount ?? 0;
};
