export const SYNC_OPTIONS: Array<[number | null, string]> = [
  [null, 'Never (sync by hand)'],
  [6, 'Every 6 hours'],
  [12, 'Every 12 hours'],
  [24, 'Every day'],
  [168, 'Every week'],
  [720, 'Every 30 days'],
];

/** The options, plus the source's own value when it was set through the API to something else. */
export function syncOptions(current: number | null): Array<[number | null, string]> {
  if (SYNC_OPTIONS.some(([hours]) => hours === current)) return SYNC_OPTIONS;
  return [...SYNC_OPTIONS, [current, `Every ${current} hours`]];
}

export const parseInterval = (value: string): number | null => (value === '' ? null : Number(value));
