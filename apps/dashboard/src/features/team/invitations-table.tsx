import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge, statusTone } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { capitalize, formatDate } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/permissions';
import { useCan, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { useInvitations, useMemberNames, type Invitation } from './team-api';

function statusOf(invitation: Invitation): string {
  return invitation.expired ? 'expired' : invitation.status;
}

export function InvitationsTable() {
  const invitations = useInvitations();
  const nameOf = useMemberNames();
  const can = useCan();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key('invitations') });
  const resend = useMutation({
    mutationFn: (invitation: Invitation) =>
      workspaceApi(`/api/v1/invitations/${encodeURIComponent(invitation.id)}/resend`, { method: 'POST', json: {} }),
    onSuccess: async (_r, invitation) => {
      await refresh();
      notify(`A new invitation link was sent to ${invitation.email}.`);
    },
  });

  if (invitations.isPending) return <Loading label="Loading invitations…" />;
  if (invitations.isError) return <ErrorAlert error={invitations.error} />;
  if (invitations.data.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
        No invitations yet.
      </p>
    );
  }
  const manage = can('members.invite');

  return (
    <>
      <ErrorAlert error={resend.error} className="mb-3" />
      <Table label="Invitations">
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
            {manage && (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </tr>
        </thead>
        <TBody>
          {invitations.data.map((invitation) => {
            const status = statusOf(invitation);
            const open = invitation.status === 'pending';
            return (
              <tr key={invitation.id}>
                <Td className="font-medium text-slate-900">{invitation.email}</Td>
                <Td>{ROLE_LABELS[invitation.role] ?? invitation.role}</Td>
                <Td>
                  <Badge tone={statusTone(status)}>{capitalize(status)}</Badge>
                </Td>
                <Td>{invitation.invitedByName ?? nameOf(invitation.invitedBy)}</Td>
                <Td className="whitespace-nowrap">{open ? formatDate(invitation.expiresAt) : '—'}</Td>
                {manage && (
                  <Td className="whitespace-nowrap text-right">
                    {open && (
                      <>
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Resend invitation to ${invitation.email}`}
                          pending={resend.isPending && resend.variables?.id === invitation.id}
                          onClick={() => resend.mutate(invitation)}
                        >
                          Resend
                        </Button>
                        <Button
                          variant="ghost-danger"
                          size="sm"
                          aria-label={`Revoke invitation to ${invitation.email}`}
                          onClick={() => setRevoking(invitation)}
                        >
                          Revoke
                        </Button>
                      </>
                    )}
                  </Td>
                )}
              </tr>
            );
          })}
        </TBody>
      </Table>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke invitation?"
        description={`The link sent to ${revoking?.email ?? ''} stops working. You can invite them again later.`}
        confirmLabel="Revoke invitation"
        onConfirm={() => workspaceApi(`/api/v1/invitations/${encodeURIComponent(revoking!.id)}`, { method: 'DELETE' })}
        onDone={() => {
          notify(`Invitation to ${revoking?.email ?? ''} revoked.`);
          void refresh();
        }}
      />
    </>
  );
}
