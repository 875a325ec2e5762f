import { useState } from 'react';
import { cn } from '../../lib/cn';
import { safeHref } from '../../lib/safe-href';

/** The agent's avatar, or its initials when it has none or the image doesn't load. */
export function AgentAvatar({ name, url, size = 'md' }: { name: string; url: string | null; size?: 'md' | 'lg' }) {
  const [failed, setFailed] = useState<string | null>(null);
  const href = url ? safeHref(url) : null;
  const box = size === 'lg' ? 'h-12 w-12 text-base' : 'h-8 w-8 text-xs';
  if (href && failed !== href) {
    return (
      <img
        src={href}
        alt=""
        className={cn('shrink-0 rounded-full bg-slate-100 object-cover', box)}
        onError={() => setFailed(href)}
        referrerPolicy="no-referrer"
      />
    );
  }
  const initials =
    name
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase() ?? '')
      .join('') || '?';
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-800',
        box,
      )}
    >
      {initials}
    </span>
  );
}
