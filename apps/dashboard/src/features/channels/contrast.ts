/** WCAG contrast of text on the brand colour, as the widget picks it (white or near-black). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function brandContrast(hex: string): { text: 'white' | 'dark'; ratio: number } | null {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const l = luminance(hex);
  const white = 1.05 / (l + 0.05);
  const dark = (l + 0.05) / (0.0116 + 0.05);
  return white >= dark
    ? { text: 'white', ratio: Math.round(white * 10) / 10 }
    : { text: 'dark', ratio: Math.round(dark * 10) / 10 };
}
