import { businessHoursSchema } from '@switchboard/contract/escalation';
import { describe, expect, it } from 'vitest';
import { openSeconds } from './open-time';

// Monday to Friday, 09:00–17:00 in New York (the schema's default week).
const office = businessHoursSchema.parse({ enabled: true, timezone: 'America/New_York' });
const at = (iso: string) => new Date(iso);

describe('time the team is open', () => {
  it('counts only opening hours over a weekend', () => {
    // Friday 16:50 to Monday 09:10, New York (EDT): ten minutes each side.
    expect(openSeconds(office, at('2026-03-13T20:50:00Z'), at('2026-03-16T13:10:00Z'))).toBe(1200);
  });

  it('follows the clocks across a daylight-saving change', () => {
    // Friday 16:50 EST to Monday 09:10 EDT: clocks went forward on Sunday.
    expect(openSeconds(office, at('2026-03-06T21:50:00Z'), at('2026-03-09T13:10:00Z'))).toBe(1200);
  });

  it('skips holidays', () => {
    const holiday = { ...office, holidays: ['2026-03-16'] };
    expect(openSeconds(holiday, at('2026-03-13T20:50:00Z'), at('2026-03-17T13:10:00Z'))).toBe(1200);
  });

  it('counts every second without business hours', () => {
    const always = businessHoursSchema.parse({ enabled: false, timezone: 'America/New_York' });
    expect(openSeconds(always, at('2026-03-13T20:50:00Z'), at('2026-03-16T13:10:00Z'))).toBe(231_600);
  });
});
