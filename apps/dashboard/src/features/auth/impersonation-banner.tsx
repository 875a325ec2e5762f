import { useMutation } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '../../components/button';
import { post } from '../../lib/api';
import { errorMessage } from '../../lib/errors';
import type { Me } from '../../lib/session';

function minutesLeft(expiresAt: string): number {
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - Date.now()) / 60_000));
}

/** Shown on every page while a platform administrator acts as someone else. */
export function ImpersonationBanner({ me }: { me: Me }) {
  const expiresAt = me.impersonation!.expiresAt;
  const [left, setLeft] = useState(() => minutesLeft(expiresAt));
  useEffect(() => {
    const timer = window.setInterval(() => setLeft(minutesLeft(expiresAt)), 15_000);
    return () => window.clearInterval(timer);
  }, [expiresAt]);
  const ref = useRef<HTMLElement>(null);
  // The sidebar sticks below the banner: it reads the banner's height from this variable.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty('--banner-height', `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--banner-height');
    };
  }, []);
  const stop = useMutation({
    mutationFn: () => post('/api/auth/admin/stop-impersonating', {}),
    // A full reload: every cached answer belonged to the impersonated person.
    onSuccess: () => window.location.assign('/admin'),
    onError: () => window.location.assign('/login'),
  });
  return (
    <aside
      ref={ref}
      aria-label="Impersonation"
      className="sticky top-0 z-30 border-b-4 border-amber-500 bg-amber-300 px-4 py-2.5 text-sm text-amber-950"
    >
      <div className="mx-auto flex max-w-7xl flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p>
          <strong>
            You are signed in as {me.user.name || me.user.email} ({me.user.email}) by a platform administrator
          </strong>{' '}
          — every action is recorded.{' '}
          <span className="whitespace-nowrap">
            {left > 0 ? `${left} minute${left === 1 ? '' : 's'} left.` : 'This session has ended.'}
          </span>
        </p>
        <Button
          size="sm"
          variant="secondary"
          className="shrink-0 border-amber-700"
          pending={stop.isPending}
          onClick={() => stop.mutate()}
        >
          Stop impersonating
        </Button>
      </div>
      {stop.isError && <p role="alert">{errorMessage(stop.error)}</p>}
    </aside>
  );
}
