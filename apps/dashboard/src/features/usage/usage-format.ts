const count = new Intl.NumberFormat(undefined);
const dollars = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});
const monthName = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const formatCount = (value: number) => count.format(value);

/** Model calls cost fractions of a cent: small amounts keep four decimals. */
export function formatCost(value: number): string {
  if (value === 0) return dollars.format(0);
  if (value < 0.0001) return '< $0.0001';
  return value < 1 ? cents.format(value) : dollars.format(value);
}

/** `2026-11` → `November 2026`. */
export const formatMonth = (month: string) => monthName.format(new Date(`${month}-01T00:00:00Z`));
