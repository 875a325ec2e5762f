import { ValidationError } from '../../platform/errors';
import type { ServiceContext, Tx } from '../../platform/tenancy';
import { visibleAgentFilter } from '../agents';
import { workspaceTimeZone } from './facts';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A year with its comparison year stays a few thousand daily rows. */
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export type Interval = 'day' | 'week' | 'month';

export interface AnalyticsQuery {
  from?: string | undefined;
  to?: string | undefined;
  agentId?: string | undefined;
  channel?: string | undefined;
  interval?: Interval | undefined;
}

/** What a read works on: local days, both ends included, and the filters. */
export interface Scope {
  from: string;
  to: string;
  timeZone: string;
  interval: Interval;
  channel: string | null;
  /** null: every agent; otherwise only these (the filter, or the agents a key is limited to). */
  agentIds: readonly string[] | null;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, delta: number) => dateOf(dayNumber(date) + delta);

function validDate(value: string, field: string): string {
  if (!DATE.test(value) || Number.isNaN(dayNumber(value)) || dateOf(dayNumber(value)) !== value)
    throw new ValidationError(`\`${field}\` is not a date like 2026-10-31.`, [
      { path: field, message: 'Use YYYY-MM-DD' },
    ]);
  return value;
}

/** The number of days from `from` to `to`, both included; a 400 when backwards or too long. */
export function checkRange(from: string, to: string): number {
  const days = dayNumber(validDate(to, 'to')) - dayNumber(validDate(from, 'from')) + 1;
  if (days < 1)
    throw new ValidationError('`from` must not be after `to`.', [{ path: 'from', message: '`from` is after `to`' }]);
  if (days > MAX_DAYS)
    throw new ValidationError(`Ask for at most ${MAX_DAYS} days at a time.`, [
      { path: 'from', message: `At most ${MAX_DAYS} days` },
    ]);
  return days;
}

export function todayIn(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The query with its defaults (the last 30 days up to today, in the workspace's time zone). */
export async function resolveScope(tx: Tx, ctx: ServiceContext, q: AnalyticsQuery): Promise<Scope> {
  const timeZone = await workspaceTimeZone(tx);
  if (q.from) validDate(q.from, 'from');
  if (q.to) validDate(q.to, 'to');
  const to = q.to ?? (q.from ? addDays(q.from, 29) : todayIn(timeZone));
  const from = q.from ?? addDays(to, -29);
  checkRange(from, to);
  const visible = visibleAgentFilter(ctx);
  let agentIds: readonly string[] | null = visible;
  if (q.agentId) agentIds = !visible || visible.includes(q.agentId) ? [q.agentId] : [];
  return { from, to, timeZone, interval: q.interval ?? 'day', channel: q.channel ?? null, agentIds };
}

/** The period of the same length just before. */
export function previousOf(scope: Scope): Scope {
  const days = dayNumber(scope.to) - dayNumber(scope.from) + 1;
  return { ...scope, from: addDays(scope.from, -days), to: addDays(scope.from, -1) };
}

/** SQL conditions (with their values, numbered from `first`) selecting the scope's rows. */
export function scopeWhere(scope: Scope, first = 1): { where: string; values: unknown[] } {
  const values: unknown[] = [scope.from, scope.to];
  const parts = [`day BETWEEN $${first}::date AND $${first + 1}::date`];
  if (scope.agentIds) {
    values.push(scope.agentIds);
    parts.push(`agent_id = ANY($${first + values.length - 1}::text[])`);
  }
  if (scope.channel) {
    values.push(scope.channel);
    parts.push(`channel = $${first + values.length - 1}`);
  }
  return { where: parts.join(' AND '), values };
}
