import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { PageHeader } from '../../components/page-header';
import { useToast } from '../../components/toast';
import { forgetWorkspace } from '../../lib/last-workspace';
import { meKey, withoutWorkspace, type Me } from '../../lib/session';
import { useCan, useWorkspace, useWorkspaceApi } from '../../lib/workspace';
import { InvitationsTable } from './invitations-table';
import { InviteDialog } from './invite-dialog';
import { MembersTable } from './members-table';

export function TeamPage() {
  const can = useCan();
  const [inviting, setInviting] = useState(false);
  const [leaving, setLeaving] = useState(false);
  return (
    <>
      <PageHeader
        title="Team"
        description="The people in this workspace and what their role lets them do."
        actions={
          <>
            <Button variant="secondary" onClick={() => setLeaving(true)}>
              Leave workspace
            </Button>
            {can('members.invite') && <Button onClick={() => setInviting(true)}>Invite member</Button>}
          </>
        }
      />
      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          Members
        </h2>
        <MembersTable />
      </section>
      <section aria-labelledby="invitations-heading" className="mt-10">
        <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
          Invitations
        </h2>
        <InvitationsTable />
      </section>
      {can('members.invite') && <InviteDialog open={inviting} onOpenChange={setInviting} />}
      <LeaveDialog open={leaving} onOpenChange={setLeaving} />
    </>
  );
}

function LeaveDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const { workspace } = useWorkspace();
  const workspaceApi = useWorkspaceApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const notify = useToast();
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Leave ${workspace.name}?`}
      description="You lose access at once. To come back, someone has to invite you again."
      confirmLabel="Leave workspace"
      onConfirm={() => workspaceApi('/api/v1/workspace/leave', { method: 'POST', json: {} })}
      onDone={() => {
        forgetWorkspace(workspace.id);
        queryClient.setQueryData<Me | null>(meKey, (me) => withoutWorkspace(me, workspace.id));
        notify(`You left ${workspace.name}.`);
        void navigate('/', { replace: true });
        void queryClient.invalidateQueries({ queryKey: meKey });
      }}
    />
  );
}
