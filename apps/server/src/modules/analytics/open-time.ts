import { WEEKDAYS, type BusinessHours } from '@switchboard/contract/escalation';
import { zonedInstant } from '../escalation';

const DAY_MS = 86_400_000;
/** Past this, a wait is counted in wall-clock time: a schedule is not walked for months. */
const MAX_DAYS = 120;

const localDate = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/**
 * Seconds between two instants during which the team is open (the workspace's business
 * hours, holidays off). Without business hours switched on, every second counts: a reply on
 * Monday to a Friday-evening hand-off then waited the weekend only where nobody works weekends.
 */
export function openSeconds(hours: BusinessHours, from: Date, to: Date): number {
  const wall = Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
  if (!hours.enabled || wall === 0 || wall > MAX_DAYS * 86_400) return wall;
  let open = 0;
  // One day either side: a local day's windows may start before `from`'s UTC date or end after `to`'s.
  const first = Date.parse(`${localDate(from, hours.timezone)}T00:00:00Z`) - DAY_MS;
  const last = Date.parse(`${localDate(to, hours.timezone)}T00:00:00Z`) + DAY_MS;
  for (let day = first; day <= last; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (hours.holidays.includes(date)) continue;
    const weekday = WEEKDAYS[(new Date(day).getUTCDay() + 6) % 7]!;
    for (const window of hours.weekly[weekday]) {
      const start = Math.max(zonedInstant(date, window.from, hours.timezone).getTime(), from.getTime());
      const end = Math.min(zonedInstant(date, window.to, hours.timezone).getTime(), to.getTime());
      if (end > start) open += end - start;
    }
  }
  return Math.floor(open / 1000);
}
