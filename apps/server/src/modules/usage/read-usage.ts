import { and, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { withTenant, type ServiceContext } from '../../platform/tenancy';
import { assertCan } from '../access';
import { agents, visibleAgentFilter } from '../agents';
import { usageMonthly } from '../chat';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A long enough view for a yearly review with its comparison year, short enough to stay cheap. */
export const MAX_MONTHS = 36;

const month = z.string().regex(MONTH, 'A month looks like 2026-10');

export const usageQuery = z.object({ from: month.optional(), to: month.optional() }).transform((q, ctx) => {
  const to = q.to ?? monthOf(new Date());
  const from = q.from ?? addMonths(to, -5);
  const span = monthIndex(to) - monthIndex(from) + 1;
  if (span < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` must not be after `to`' });
  else if (span > MAX_MONTHS)
    ctx.addIssue({ code: 'custom', path: ['from'], message: `Ask for at most ${MAX_MONTHS} months at a time` });
  return { from, to };
});

export interface UsageTotals {
  messages: number;
  tokensIn: number;
  tokensOut: number;
  costUsd: number;
  /** Answers of models without a known price, whose cost counts as 0. */
  unpricedMessages: number;
}

export interface UsageReport {
  from: string;
  to: string;
  currency: 'USD';
  totals: UsageTotals;
  /** Every month of the range, oldest first; months without use are zeros. */
  months: Array<UsageTotals & { month: string }>;
  /** Per agent over the range, most messages first; a deleted agent keeps its usage, without a name. */
  agents: Array<UsageTotals & { agentId: string; agentName: string | null }>;
}

function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
function monthIndex(value: string): number {
  const [, year, mon] = MONTH.exec(value)!;
  return Number(year) * 12 + Number(mon) - 1;
}
function addMonths(value: string, delta: number): string {
  const index = monthIndex(value) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const zero = (): UsageTotals => ({ messages: 0, tokensIn: 0, tokensOut: 0, costUsd: 0, unpricedMessages: 0 });

function add(into: UsageTotals, row: UsageTotals): void {
  into.messages += row.messages;
  into.tokensIn += row.tokensIn;
  into.tokensOut += row.tokensOut;
  // Stored costs are exact to a millionth; keep sums there instead of drifting in binary.
  into.costUsd = Math.round((into.costUsd + row.costUsd) * 1e6) / 1e6;
  into.unpricedMessages += row.unpricedMessages;
}

/**
 * Messages, tokens and cost of the workspace per month and per agent, from the monthly
 * rollup the chat engine keeps in the same transaction as each answer. An API key limited
 * to some agents sees their usage only.
 */
export async function readUsage(ctx: ServiceContext, input: z.input<typeof usageQuery>): Promise<UsageReport> {
  assertCan(ctx, 'analytics.read');
  const { from, to } = usageQuery.parse(input);
  const visible = visibleAgentFilter(ctx);
  const where: SQL[] = [gte(usageMonthly.month, `${from}-01`), lte(usageMonthly.month, `${to}-01`)];
  if (visible) where.push(visible.length ? inArray(usageMonthly.agentId, [...visible]) : eq(usageMonthly.agentId, ''));
  const { rows, names } = await withTenant(ctx, async (tx) => {
    const rows = await tx.db
      .select()
      .from(usageMonthly)
      .where(and(...where));
    const ids = [...new Set(rows.map((r) => r.agentId))];
    const names = ids.length
      ? await tx.db.select({ id: agents.id, name: agents.name }).from(agents).where(inArray(agents.id, ids))
      : [];
    return { rows, names };
  });

  const totals = zero();
  const months = new Map<string, UsageTotals & { month: string }>();
  for (let i = monthIndex(from); i <= monthIndex(to); i++) {
    const m = addMonths(from, i - monthIndex(from));
    months.set(m, { month: m, ...zero() });
  }
  const byAgent = new Map<string, UsageTotals & { agentId: string; agentName: string | null }>();
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  for (const row of rows) {
    const amounts = {
      messages: row.messages,
      tokensIn: Number(row.tokensIn),
      tokensOut: Number(row.tokensOut),
      costUsd: Number(row.costUsd),
      unpricedMessages: row.unpricedMessages,
    };
    add(totals, amounts);
    add(months.get(row.month.slice(0, 7))!, amounts);
    let agent = byAgent.get(row.agentId);
    if (!agent)
      byAgent.set(
        row.agentId,
        (agent = { agentId: row.agentId, agentName: nameOf.get(row.agentId) ?? null, ...zero() }),
      );
    add(agent, amounts);
  }
  return {
    from,
    to,
    currency: 'USD',
    totals,
    months: [...months.values()],
    agents: [...byAgent.values()].sort(
      (a, b) => b.messages - a.messages || b.costUsd - a.costUsd || a.agentId.localeCompare(b.agentId),
    ),
  };
}
