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

/** Sessions by id: the server never hands session tokens to the page. */
interface AuthSession {
  id: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  ipAddress: string | null;
  userAgent: string | null;
  impersonated: boolean;
  current: boolean;
}

/** "Firefox on Linux" from a user agent: enough to recognise a device, no library needed. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : userAgent.split(/[/ ]/)[0] || 'Browser';
  const os = /Windows/.test(userAgent)
    ? 'Windows'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Android/.test(userAgent)
          ? 'Android'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}

export function SessionsSection() {
  const queryClient = useQueryClient();
  const notify = useToast();
  const sessions = useQuery({
    queryKey: ['account', 'sessions'],
    queryFn: async () => (await api<{ sessions: AuthSession[] }>('/api/v1/me/sessions')).sessions,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
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
  const list = sessions.data ?? [];
  const others = list.filter((s) => !s.current);

  return (
    <Section
      title="Active sessions"
      description="Where you are signed in. Sign out any device you don’t recognise, then change your password."
    >
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
                    {session.current && <Badge tone="green">This device</Badge>}
                    {session.impersonated && <Badge tone="amber">Administrator</Badge>}
                  </Td>
                  <Td className="font-mono text-xs">{session.ipAddress ?? '—'}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(session.createdAt)}</Td>
                  <Td className="text-right">
                    {!session.current && (
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Sign out ${describeDevice(session.userAgent)}, signed in ${formatDateTime(session.createdAt)}`}
                        pending={revoke.isPending && revoke.variables === session.id}
                        onClick={() => revoke.mutate(session.id)}
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
            <Button
              className="mt-4"
              variant="secondary"
              pending={revokeOthers.isPending}
              onClick={() => revokeOthers.mutate()}
            >
              Sign out all other sessions
            </Button>
          )}
        </>
      )}
    </Section>
  );
}
