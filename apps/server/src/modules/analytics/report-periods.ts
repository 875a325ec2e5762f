import { addDays, todayIn } from './range';

export type Frequency = 'daily' | 'weekly' | 'monthly';

/** A report's period: local days of the workspace, both included; `key` names it in the send log. */
export interface Period {
  key: string;
  from: string;
  to: string;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));
const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
const previousMonthStart = (first: string) => firstOfMonth(addDays(first, -1));

/** The period that includes `today` (a local day), from its start. */
export function currentPeriod(frequency: Frequency, today: string): Period {
  const from = frequency === 'daily' ? today : frequency === 'weekly' ? mondayOf(today) : firstOfMonth(today);
  return { key: from, from, to: today };
}

/**
 * The last period that ended before `today`: yesterday, last week (Monday to Sunday) or last
 * month. Its key is its first day, so each period has one key whoever computes it.
 */
export function lastCompletedPeriod(frequency: Frequency, today: string): Period {
  if (frequency === 'daily') {
    const day = addDays(today, -1);
    return { key: day, from: day, to: day };
  }
  if (frequency === 'weekly') {
    const monday = mondayOf(today);
    return { key: addDays(monday, -7), from: addDays(monday, -7), to: addDays(monday, -1) };
  }
  const first = firstOfMonth(today);
  return { key: previousMonthStart(first), from: previousMonthStart(first), to: addDays(first, -1) };
}

/**
 * The period due at `now` for a report created at `createdAt`, or null: a report sends the
 * periods that end after it was made, never one that was over before.
 */
export function duePeriod(frequency: Frequency, timeZone: string, createdAt: Date, now: Date): Period | null {
  const period = lastCompletedPeriod(frequency, todayIn(timeZone, now));
  return period.to >= todayIn(timeZone, createdAt) ? period : null;
}
