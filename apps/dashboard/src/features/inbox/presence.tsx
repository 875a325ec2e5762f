import { useEffect, useState } from 'react';
import { cn } from '../../lib/cn';
import { call, useClient } from '../../lib/client';
import { useWorkspace } from '../../lib/workspace';

type Availability = 'online' | 'away';
const HEARTBEAT_MS = 30_000;
const storageKey = (workspaceId: string) => `switchboard.presence.${workspaceId}`;

/**
 * Your presence while the inbox is open: a heartbeat every 30 s with the availability you
 * chose (online members get conversations assigned round-robin), and offline when you leave.
 */
export function usePresenceHeartbeat(): [Availability, (next: Availability) => void] {
  const { workspace } = useWorkspace();
  const client = useClient();
  const [availability, setAvailability] = useState<Availability>(() =>
    localStorage.getItem(storageKey(workspace.id)) === 'away' ? 'away' : 'online',
  );

  useEffect(() => {
    localStorage.setItem(storageKey(workspace.id), availability);
    const beat = () =>
      void call(client.POST('/api/v1/inbox/presence', { body: { status: availability } })).catch(() => undefined);
    beat();
    const timer = window.setInterval(beat, HEARTBEAT_MS);
    const leave = () =>
      void fetch('/api/v1/inbox/presence', {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-Workspace-Id': workspace.id },
        body: JSON.stringify({ status: 'offline' }),
      }).catch(() => undefined);
    window.addEventListener('pagehide', leave);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', leave);
    };
  }, [availability, workspace.id, client]);

  useEffect(
    () => () =>
      void call(client.POST('/api/v1/inbox/presence', { body: { status: 'offline' } })).catch(() => undefined),
    [client],
  );

  return [availability, setAvailability];
}

export function PresenceDot({ status, className }: { status: string | undefined; className?: string }) {
  const tone = status === 'online' ? 'bg-emerald-500' : status === 'away' ? 'bg-amber-400' : 'bg-slate-300';
  return <span aria-hidden="true" className={cn('inline-block h-2.5 w-2.5 shrink-0 rounded-full', tone, className)} />;
}

export function AvailabilityToggle({
  value,
  onChange,
}: {
  value: Availability;
  onChange: (next: Availability) => void;
}) {
  return (
    <div
      role="radiogroup"
      aria-label="Your availability"
      className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 text-sm"
    >
      {(['online', 'away'] as const).map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={value === option}
          onClick={() => onChange(option)}
          className={cn(
            'flex items-center gap-1.5 rounded-md px-2.5 py-1 font-medium',
            value === option ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
          )}
        >
          <PresenceDot status={option} />
          {option === 'online' ? 'Online' : 'Away'}
        </button>
      ))}
    </div>
  );
}
