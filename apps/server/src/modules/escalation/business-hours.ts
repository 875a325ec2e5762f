import { WEEKDAYS, type BusinessHours, type Weekday } from './settings-schema';

/**
 * Business hours in the workspace's time zone, with the platform's Intl data (no library):
 * whether people are available at an instant, and when they next are.
 */
interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(at: Date, timeZone: string): Record<string, string> {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

function localTime(at: Date, timeZone: string): LocalTime {
  const p = partsIn(at, timeZone);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    weekday: p.weekday!.toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = partsIn(new Date(instant), timeZone);
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a local date and time happen in a zone (twice refined, for offsets that change that day). */
export function zonedInstant(date: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutesOf(hhmm));
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

function addDays(date: string, days: number): { date: string; weekday: Weekday } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return { date: next.toISOString().slice(0, 10), weekday: WEEKDAYS[(next.getUTCDay() + 6) % 7]! };
}

export function isOpen(hours: BusinessHours, at: Date = new Date()): boolean {
  if (!hours.enabled) return true;
  const now = localTime(at, hours.timezone);
  if (hours.holidays.includes(now.date)) return false;
  return hours.weekly[now.weekday].some((i) => minutesOf(i.from) <= now.minutes && now.minutes < minutesOf(i.to));
}

/** When people are next available: `at` itself while open, null when the schedule has no opening in two weeks. */
export function nextOpening(hours: BusinessHours, at: Date = new Date()): Date | null {
  if (isOpen(hours, at)) return at;
  const now = localTime(at, hours.timezone);
  for (let offset = 0; offset <= 14; offset++) {
    const day = addDays(now.date, offset);
    if (hours.holidays.includes(day.date)) continue;
    const starts = hours.weekly[day.weekday].map((i) => i.from).sort();
    for (const from of starts) {
      const instant = zonedInstant(day.date, from, hours.timezone);
      if (instant.getTime() > at.getTime()) return instant;
    }
  }
  return null;
}

/** "Monday 09:00 (CET)" in the visitor's language and the workspace's zone. */
export function describeOpening(when: Date, hours: BusinessHours, language = 'en'): string {
  const format = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(language, { timeZone: hours.timezone, ...options }).format(when);
    } catch {
      return new Intl.DateTimeFormat('en', { timeZone: hours.timezone, ...options }).format(when);
    }
  };
  const zone = partsInZoneName(when, hours.timezone);
  return `${format({ weekday: 'long' })} ${format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })} (${zone})`;
}

function partsInZoneName(when: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(when);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
