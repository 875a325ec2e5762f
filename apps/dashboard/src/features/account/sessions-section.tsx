import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Section } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { api, post } from '../../lib/api';
import { formatDateTime } from '../../lib/format';

interface AuthSession {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  impersonatedBy: string | null;
}

/** "Firefox on Linux" from a user agent: enough to recognise a device, no library needed. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrome\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : userAgent.split(/[/ ]/)[0] || 'Browser';
  const os = /Windows/.test(userAgent) ? 'Windows' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Android/.test(userAgent) ? 'Android' : /Linux/.test(userAgent) ? 'Linux' : null;
  return os ? `${browser} on ${os}` : browser;
}

export function SessionsSection() {
  const queryClient = useQueryClient();
  const notify = useToast();
  const sessions = useQuery({ queryKey: ['account', 'sessions'], queryFn: () => api<AuthSession[]>('/api/auth/list-sessions') });
  const current = useQuery({ queryKey: ['account', 'current-session'], queryFn: () => api<{ session: { token: string } } | null>('/api/auth/get-session') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] });
  const revoke = useMutation({
    mutationFn: (token: string) => post('/api/auth/revoke-session', { token }),
    onSuccess: async () => {
      await refresh();
      notify('That session was signed out.');
    },
  });
  const revokeOthers = useMutation({
    mutationFn: () => post('/api/auth/revoke-other-sessions', {}),
    onSuccess: async () => {
      await refresh();
      notify('Every other session was signed out.');
    },
  });
  const currentToken = current.data?.session.token;
  const list = sessions.data ?? [];
  const others = list.filter((s) => s.token !== currentToken);

  return (
    <Section title="Active sessions" description="Where you are signed in. Sign out any device you don’t recognise, then change your password.">
      {sessions.isPending ? (
        <Loading label="Loading sessions…" />
      ) : sessions.isError ? (
        <ErrorAlert error={sessions.error} />
      ) : (
        <>
          <ErrorAlert error={revoke.error ?? revokeOthers.error} className="mb-3" />
          <Table label="Active sessions">
            <thead>
              <tr>
                <Th>Device</Th>
                <Th>IP address</Th>
                <Th>Signed in</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <TBody>
              {list.map((session) => (
                <tr key={session.id}>
                  <Td>
                    <span className="font-medium text-slate-900">{describeDevice(session.userAgent)}</span>{' '}
                    {session.token === currentToken && <Badge tone="green">This device</Badge>}
                    {session.impersonatedBy && <Badge tone="amber">Administrator</Badge>}
                  </Td>
                  <Td className="font-mono text-xs">{session.ipAddress ?? '—'}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(session.createdAt)}</Td>
                  <Td className="text-right">
                    {session.token !== currentToken && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Sign out ${describeDevice(session.userAgent)}, signed in ${formatDateTime(session.createdAt)}`}
                        pending={revoke.isPending && revoke.variables === session.token}
                        onClick={() => revoke.mutate(session.token)}
                      >
                        Sign out
                      </Button>
                    )}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
          {others.length > 0 && (
            <Button className="mt-4" variant="secondary" pending={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
              Sign out all other sessions
            </Button>
          )}
        </>
      )}
    </Section>
  );
}
