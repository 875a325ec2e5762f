import { eq, sql } from 'drizzle-orm';
import { eventRow } from '../../../platform/events';
import {
  driverRowMapper,
  preparedCall,
  withTenant,
  type PreparedCall,
  type ServiceContext,
} from '../../../platform/tenancy';
import { handOff, type HandoffResult } from '../handoff';
import { lockConversation } from '../conversations';
import { messages, type ConversationRow, type MessageRow } from '../schema';
import { PROCESS_ID } from '../../../platform/processes';
import { orphanedAnswers } from './orphans';
import type { TurnResult } from './types';

const monthOf = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-01`;

/**
 * Stores the answer in the row that claimed it, and its usage in the month's rollup, in one
 * transaction (a rollback leaves neither); an interrupted answer keeps what was streamed.
 * A claim is finished once: `latency_ms` is set only here, so a second finish of the same
 * answer changes nothing and never counts its usage twice. Answers that found nothing are
 * counted: at the agent's limit in a row the conversation goes to a person in the same
 * transaction. Answers of the conversation that a dead process left streaming are marked here too.
 * Only the process that claimed the answer fills it: after a crash, a retry that took the claim
 * over (resume-turn) owns it, and a late first attempt stores nothing over it.
 */
const messageRows = driverRowMapper(messages);

/** The claimed row filled in, once (`latency_ms` is set only here), by its process: sent with BEGIN. */
function fillClaim(turn: { claimId: string }, result: TurnResult, latencyMs: number): PreparedCall {
  return preparedCall(
    'finish_fill_claim',
    sql`
    UPDATE messages SET content = ${result.content}, status = ${result.status}, citations = ${JSON.stringify(result.citations)}::jsonb,
           tool_calls = ${JSON.stringify(result.toolCalls)}::jsonb, model = ${result.model}, tokens_in = ${result.usage.tokensIn},
           tokens_out = ${result.usage.tokensOut}, cost_usd = ${result.usage.costUsd}, unpriced = ${result.usage.unpriced},
           latency_ms = ${latencyMs}, first_token_ms = ${result.firstTokenMs}, error = ${result.error}
     WHERE id = ${turn.claimId} AND latency_ms IS NULL AND answered_by = ${PROCESS_ID}
    RETURNING ${sql.raw(messageRows.columns.join(', '))}`,
  );
}

export async function finishTurn(
  ctx: ServiceContext,
  turn: {
    conversationId: string;
    agentId: string;
    claimId: string;
    startedAt: number;
    unansweredLimit: number;
    /** A playground test: not in the usage totals. */ test?: boolean;
  },
  result: TurnResult,
): Promise<{ message: MessageRow; handoff: HandoffResult | null }> {
  const latencyMs = Math.round(performance.now() - turn.startedAt);
  return withTenant(
    ctx,
    async (tx, filled) => {
      const raw = filled?.rows[0] as Record<string, unknown> | undefined;
      if (!raw) {
        const [finished] = await tx.db.select().from(messages).where(eq(messages.id, turn.claimId));
        return { message: finished!, handoff: null };
      }
      const message = messageRows.map(raw);
      // The rest in one statement: answers of this conversation a dead process left streaming,
      // the conversation's counters, the month's usage and the event.
      const usage = result.usage;
      const streak = result.offerHuman
        ? sql`unanswered_streak + 1`
        : result.status === 'complete'
          ? sql`0`
          : sql`unanswered_streak`;
      const event = eventRow(tx, 'message.created', {
        conversationId: turn.conversationId,
        messageId: turn.claimId,
        role: 'assistant',
        status: result.status,
      });
      const restName = result.offerHuman
        ? 'finish_rest_unanswered'
        : result.status === 'complete'
          ? 'finish_rest_answered'
          : 'finish_rest_other';
      const rest = preparedCall(
        restName,
        sql`
      WITH stale AS (${orphanedAnswers(turn.conversationId, turn.claimId)}),
           usage AS (
             INSERT INTO usage_monthly (tenant_id, month, agent_id, messages, tokens_in, tokens_out, cost_usd, unpriced_messages)
             SELECT ${ctx.tenantId}, ${monthOf(new Date())}::date, ${turn.agentId}, 1, ${usage.tokensIn}::int, ${usage.tokensOut}::int, ${usage.costUsd}::numeric, ${usage.unpriced ? 1 : 0}::int
              WHERE ${!turn.test}::boolean
             ON CONFLICT (tenant_id, month, agent_id) DO UPDATE SET
               messages = usage_monthly.messages + 1,
               tokens_in = usage_monthly.tokens_in + excluded.tokens_in,
               tokens_out = usage_monthly.tokens_out + excluded.tokens_out,
               cost_usd = usage_monthly.cost_usd + excluded.cost_usd,
               unpriced_messages = usage_monthly.unpriced_messages + excluded.unpriced_messages),
           event AS (${event.row})
      UPDATE conversations SET message_count = message_count + 1, last_message_at = now(), updated_at = now(), unanswered_streak = ${streak},
             human_offered = ${result.offerHuman && !result.handoff}
       WHERE tenant_id = ${ctx.tenantId} AND id = ${turn.conversationId}
      RETURNING status, unanswered_streak`,
      );
      await event.recorded();
      const limit = turn.unansweredLimit;
      // When no hand-off can follow (the streak cannot have reached the limit), this is the last
      // statement: it goes with the COMMIT, and the month's usage row, which every finishing
      // answer of the agent updates, is held locked for no round trip.
      if (limit === 0 || result.handoff || (!result.offerHuman && result.status === 'complete')) {
        await tx.batchWithCommit([rest]);
        return { message, handoff: null };
      }
      const { rows } = await tx.query<{ status: ConversationRow['status']; unanswered_streak: number }>(
        rest.text,
        rest.values,
      );
      const counted = rows[0]!;
      const handoff =
        counted.status === 'bot' && counted.unanswered_streak >= limit
          ? await handOff(
              tx,
              ctx,
              await lockConversation(tx, ctx, turn.conversationId, true),
              `No answer was found ${limit === 1 ? 'once' : `${limit} times in a row`}.`,
              { source: 'rule:unanswered' },
            )
          : null;
      return { message, handoff };
    },
    fillClaim(turn, result, latencyMs),
  );
}
