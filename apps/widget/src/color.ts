/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Text on the brand colour: white or near-black, whichever contrasts more (AA needs 4.5:1). */
export function textOn(hex: string): string {
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / (0.0116 + 0.05) ? '#fff' : '#111827';
}

export const safeColor = (value: string | undefined) => (value && /^#[0-9a-f]{6}$/i.test(value) ? value : '#4f46e5');
