/** Only same-app paths are followed after sign-in, never another site (`//evil`, `https:`). */
export function safeNext(value: string | null | undefined, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

export function withNext(path: string, next: string | null | undefined): string {
  const safe = next ? safeNext(next, '') : '';
  return safe && safe !== '/' ? `${path}?next=${encodeURIComponent(safe)}` : path;
}
