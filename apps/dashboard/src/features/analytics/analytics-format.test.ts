import { describe, expect, it } from 'vitest';
import { addDays, change, formatDuration, toCsv } from './analytics-format';

describe('analytics formatting', () => {
  it('states the change against the previous period', () => {
    expect(change(12, 10)).toBe('+20%');
    expect(change(5, 10)).toBe('−50%');
    expect(change(10, 10)).toBe('±0%');
    expect(change(3, 0)).toBe('new');
    expect(change(0, 0)).toBeNull();
    expect(change(null, 4)).toBeNull();
  });

  it('reads durations at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(95)).toBe('2 min');
    expect(formatDuration(5400)).toBe('1.5 h');
  });

  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(
      toCsv(
        ['Question', 'Count'],
        [
          ['Hi, "there"', 2],
          ['=HYPERLINK("x")', 1],
        ],
      ),
    ).toBe('Question,Count\r\n"Hi, ""there""",2\r\n"\'=HYPERLINK(""x"")",1\r\n');
  });

  it('counts days across month ends', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
