import { ValidationError } from '../../platform/errors';

/**
 * Allowed origins are exact origins (`https://shop.example.com`, `http://localhost:8080`) or a
 * wildcard for one level of subdomains and deeper (`https://*.example.com`, which does not
 * match `https://example.com` itself). Nothing else: no paths, no bare `*`.
 */
const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?$/;

/** The canonical form of one allowed-origin entry, or a 400 naming what is wrong with it. */
export function normalizeOriginPattern(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, '').toLowerCase();
  const match = PATTERN.exec(trimmed);
  if (!match) {
    throw new ValidationError(
      `“${raw}” is not an origin. Write it like https://www.example.com (scheme and host, no path).`,
      [{ path: 'allowedOrigins', message: `Not an origin: ${raw}` }],
    );
  }
  const [, scheme, wildcard, host, port] = match;
  const defaultPort = (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80');
  return `${scheme}://${wildcard ?? ''}${host}${port && !defaultPort ? `:${port}` : ''}`;
}

export function normalizeOrigins(list: readonly string[]): string[] {
  return [...new Set(list.map(normalizeOriginPattern))];
}

/** Whether a browser's Origin header is one of the patterns (or the installation itself). */
export function originAllowed(origin: string, patterns: readonly string[], appOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === 'null' || !/^https?:$/.test(parsed.protocol)) return false;
  const candidate = parsed.origin.toLowerCase();
  if (candidate === appOrigin.toLowerCase()) return true;
  return patterns.some((pattern) => {
    if (!pattern.includes('://*.')) return pattern === candidate;
    const [scheme, rest] = pattern.split('://*.') as [string, string];
    const suffix = `.${rest}`;
    const [, after] = candidate.split('://') as [string, string];
    return candidate.startsWith(`${scheme}://`) && after.endsWith(suffix) && after.length > suffix.length;
  });
}
