import { describe, expect, it } from 'vitest';
import { currentPeriod, duePeriod, lastCompletedPeriod } from './report-periods';

describe('report periods', () => {
  it('takes yesterday, last Monday-to-Sunday week and last month', () => {
    // 2026-12-09 is a Wednesday.
    expect(lastCompletedPeriod('daily', '2026-12-09')).toEqual({
      key: '2026-12-08',
      from: '2026-12-08',
      to: '2026-12-08',
    });
    expect(lastCompletedPeriod('weekly', '2026-12-09')).toEqual({
      key: '2026-11-30',
      from: '2026-11-30',
      to: '2026-12-06',
    });
    expect(lastCompletedPeriod('weekly', '2026-12-07')).toEqual({
      key: '2026-11-30',
      from: '2026-11-30',
      to: '2026-12-06',
    });
    expect(lastCompletedPeriod('monthly', '2026-03-01')).toEqual({
      key: '2026-02-01',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(lastCompletedPeriod('monthly', '2026-01-15')).toEqual({
      key: '2025-12-01',
      from: '2025-12-01',
      to: '2025-12-31',
    });
  });

  it('counts days in the workspace time zone', () => {
    // 23:30 UTC on the 8th is already the 9th in Tokyo: the 8th is over there, not in UTC.
    const now = new Date('2026-12-08T23:30:00Z');
    const created = new Date('2026-12-01T00:00:00Z');
    expect(duePeriod('daily', 'Asia/Tokyo', created, now)?.key).toBe('2026-12-08');
    expect(duePeriod('daily', 'UTC', created, now)?.key).toBe('2026-12-07');
  });

  it('never sends a period that was over before the report existed', () => {
    const created = new Date('2026-12-09T10:00:00Z');
    expect(duePeriod('daily', 'UTC', created, new Date('2026-12-09T12:00:00Z'))).toBeNull();
    expect(duePeriod('daily', 'UTC', created, new Date('2026-12-10T00:05:00Z'))?.key).toBe('2026-12-09');
    expect(duePeriod('monthly', 'UTC', created, new Date('2026-12-31T23:00:00Z'))).toBeNull();
    expect(duePeriod('monthly', 'UTC', created, new Date('2027-01-01T00:00:00Z'))?.key).toBe('2026-12-01');
  });

  it('sends now the period so far', () => {
    expect(currentPeriod('weekly', '2026-12-09')).toEqual({ key: '2026-12-07', from: '2026-12-07', to: '2026-12-09' });
    expect(currentPeriod('monthly', '2026-12-09')).toEqual({ key: '2026-12-01', from: '2026-12-01', to: '2026-12-09' });
  });
});
