import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Loading } from '../../components/spinner';
import { Table, TBody, Td, Th } from '../../components/table';
import { useToast } from '../../components/toast';
import { formatDate } from '../../lib/format';
import { ALL_ROLES, ROLE_LABELS } from '../../lib/permissions';
import { meKey, useSession, type Role } from '../../lib/session';
import { useCan, useWorkspace, useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { useMembers, type Member } from './team-api';

type Pending = { kind: 'remove' | 'transfer'; member: Member } | null;

export function MembersTable() {
  const members = useMembers();
  const me = useSession();
  const can = useCan();
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [pending, setPending] = useState<Pending>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: key('members') }),
      queryClient.invalidateQueries({ queryKey: ['w', workspace.id, 'detail'] }),
      queryClient.invalidateQueries({ queryKey: meKey }),
    ]);
  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      workspaceApi(`/api/v1/members/${encodeURIComponent(member.userId)}`, { method: 'PATCH', json: { role } }),
    onSuccess: async (_r, { member, role }) => {
      await refresh();
      notify(`${member.name || member.email} is now ${ROLE_LABELS[role]?.toLowerCase() ?? role}.`);
    },
  });

  if (members.isPending) return <Loading label="Loading members…" />;
  if (members.isError) return <ErrorAlert error={members.error} />;

  const roleOptions = ALL_ROLES.filter((r) => r !== 'owner' || can('ownership.transfer'));
  const canEdit = (member: Member) =>
    can('members.manage') && member.userId !== me.user.id && (member.role !== 'owner' || can('ownership.transfer'));
  const label = (member: Member) => member.name || member.email;

  return (
    <>
      <ErrorAlert error={changeRole.error} className="mb-3" />
      <Table label="Members">
        <thead>
          <tr>
            <Th>Member</Th>
            <Th>Role</Th>
            <Th>Joined</Th>
            {can('members.manage') && (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            )}
          </tr>
        </thead>
        <TBody>
          {members.data.map((member) => (
            <tr key={member.userId}>
              <Td>
                <div className="font-medium text-slate-900">
                  {member.name || '—'} {member.userId === me.user.id && <Badge tone="indigo">You</Badge>}
                </div>
                <div className="text-slate-500">{member.email}</div>
              </Td>
              <Td>
                {canEdit(member) ? (
                  <select
                    aria-label={`Role for ${label(member)}`}
                    className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ member, role: e.target.value as Role })}
                  >
                    {roleOptions.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge tone={member.role === 'owner' ? 'indigo' : 'gray'}>
                    {ROLE_LABELS[member.role] ?? member.role}
                  </Badge>
                )}
              </Td>
              <Td className="whitespace-nowrap">{formatDate(member.joinedAt)}</Td>
              {can('members.manage') && (
                <Td className="whitespace-nowrap text-right">
                  {can('ownership.transfer') && member.role !== 'owner' && member.userId !== me.user.id && (
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Transfer ownership to ${label(member)}`}
                      onClick={() => setPending({ kind: 'transfer', member })}
                    >
                      Make owner
                    </Button>
                  )}
                  {canEdit(member) && (
                    <Button
                      variant="ghost-danger"
                      size="sm"
                      aria-label={`Remove ${label(member)}`}
                      onClick={() => setPending({ kind: 'remove', member })}
                    >
                      Remove
                    </Button>
                  )}
                </Td>
              )}
            </tr>
          ))}
        </TBody>
      </Table>
      <ConfirmDialog
        open={pending?.kind === 'remove'}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Remove ${pending ? label(pending.member) : ''}?`}
        description={`They lose access to ${workspace.name} at once. You can invite them again later.`}
        confirmLabel="Remove member"
        onConfirm={() =>
          workspaceApi(`/api/v1/members/${encodeURIComponent(pending!.member.userId)}`, { method: 'DELETE' })
        }
        onDone={() => {
          notify(`${pending ? label(pending.member) : 'The member'} was removed.`);
          void refresh();
        }}
      />
      <ConfirmDialog
        open={pending?.kind === 'transfer'}
        onOpenChange={(open) => !open && setPending(null)}
        title={`Transfer ownership to ${pending ? label(pending.member) : ''}?`}
        description="They become owner of this workspace and you become an admin: you will no longer be able to delete the workspace or transfer ownership."
        confirmLabel="Transfer ownership"
        destructive={false}
        onConfirm={() =>
          workspaceApi('/api/v1/members/transfer-ownership', {
            method: 'POST',
            json: { userId: pending!.member.userId },
          })
        }
        onDone={() => {
          notify('Ownership transferred.');
          void refresh();
        }}
      />
    </>
  );
}
