import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button, buttonVariants } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FullPageLoading } from '../../components/spinner';
import { api, ApiError, post } from '../../lib/api';
import { cn } from '../../lib/cn';
import { formatDate } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/permissions';
import { meKey, useMe } from '../../lib/session';
import { AuthCard, linkClass } from '../auth/auth-card';
import { signOut } from '../auth/auth-api';

interface Preview {
  workspace: { id: string; name: string };
  email: string;
  role: string;
  invitedBy: string | null;
  status: string;
  expired: boolean;
  expiresAt: string;
}

/** /invite/:token — works signed out (sign up or sign in, then come back), as the wrong person, or as the invitee. */
export function InvitePage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const path = `/invite/${token}`;
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [declined, setDeclined] = useState(false);
  const preview = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<Preview>(`/api/v1/invitation-tokens/${encodeURIComponent(token)}`),
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () => post<{ workspaceId: string }>(`/api/v1/invitation-tokens/${encodeURIComponent(token)}/accept`),
    onSuccess: async ({ workspaceId }) => {
      await queryClient.invalidateQueries({ queryKey: meKey, refetchType: 'all' });
      void navigate(`/w/${workspaceId}`, { replace: true });
    },
  });
  const switchAccount = useMutation({
    mutationFn: signOut,
    onSettled: () => queryClient.invalidateQueries({ queryKey: meKey, refetchType: 'all' }),
  });

  if (preview.isPending || me.isPending) return <FullPageLoading />;
  if (preview.isError) {
    const missing = preview.error instanceof ApiError && preview.error.status === 404;
    return (
      <AuthCard
        title={missing ? 'This invitation link is not valid' : 'The invitation could not be loaded'}
        footer={
          <Link className={linkClass} to="/">
            Go to Switchboard
          </Link>
        }
      >
        {missing ? (
          <p className="text-sm text-slate-600">
            It may have been revoked, replaced by a newer link, or mistyped. Ask the person who invited you for a new
            one.
          </p>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
      </AuthCard>
    );
  }

  const invitation = preview.data;
  const role = (ROLE_LABELS[invitation.role] ?? invitation.role).toLowerCase();
  const user = me.data?.user;
  const isMember = me.data?.workspaces.some((w) => w.id === invitation.workspace.id);
  const title = `Join ${invitation.workspace.name}`;
  const lead = (
    <p>
      {invitation.invitedBy ?? 'Someone'} invited <strong className="text-slate-900">{invitation.email}</strong> to join{' '}
      <strong className="text-slate-900">{invitation.workspace.name}</strong> as {/^[aeiou]/.test(role) ? 'an' : 'a'}{' '}
      {role}.
    </p>
  );

  if (declined)
    return (
      <AuthCard
        title="Invitation declined"
        description={<p>You declined to join {invitation.workspace.name}. Nothing else to do.</p>}
      >
        {null}
      </AuthCard>
    );
  if (
    invitation.status !== 'pending' ||
    (accept.error instanceof ApiError && accept.error.code === 'invitation_used')
  ) {
    return (
      <AuthCard
        title="This invitation was already used"
        footer={
          <Link className={linkClass} to="/">
            Go to Switchboard
          </Link>
        }
      >
        <p className="text-sm text-slate-600">
          It was {invitation.status === 'pending' ? 'used' : invitation.status}. Invitation links work once.
        </p>
        {isMember && (
          <Link className={cn(buttonVariants(), 'mt-6 w-full')} to={`/w/${invitation.workspace.id}`}>
            Open {invitation.workspace.name}
          </Link>
        )}
      </AuthCard>
    );
  }
  if (invitation.expired || (accept.error instanceof ApiError && accept.error.code === 'invitation_expired')) {
    return (
      <AuthCard
        title="This invitation has expired"
        footer={
          <Link className={linkClass} to="/">
            Go to Switchboard
          </Link>
        }
      >
        <p className="text-sm text-slate-600">
          It expired on {formatDate(invitation.expiresAt)}. Ask {invitation.invitedBy ?? 'the person who invited you'}{' '}
          to send a new one.
        </p>
      </AuthCard>
    );
  }

  const decline = (
    <>
      <Button variant="ghost" className="w-full" onClick={() => setDeclining(true)}>
        Decline invitation
      </Button>
      <ConfirmDialog
        open={declining}
        onOpenChange={setDeclining}
        title="Decline this invitation?"
        description={`You won't join ${invitation.workspace.name}. They can invite you again later.`}
        confirmLabel="Decline"
        onConfirm={() => post(`/api/v1/invitation-tokens/${encodeURIComponent(token)}/decline`)}
        onDone={() => setDeclined(true)}
      />
    </>
  );

  const staleVerification = params.get('error') && (
    <Notice tone="warning" className="mb-4">
      That verification link has expired or was already used. Sign in to get a new one.
    </Notice>
  );

  if (!user) {
    const query = new URLSearchParams({ email: invitation.email, next: path });
    return (
      <AuthCard title={title} description={lead}>
        {staleVerification}
        <div className="space-y-3">
          <Link className={cn(buttonVariants(), 'w-full')} to={`/signup?${query}`}>
            Sign up to accept
          </Link>
          <Link className={cn(buttonVariants({ variant: 'secondary' }), 'w-full')} to={`/login?${query}`}>
            Sign in to accept
          </Link>
          {decline}
        </div>
      </AuthCard>
    );
  }

  if (user.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <AuthCard title={title} description={lead}>
        <Notice tone="warning" title="This invitation is for someone else">
          You are signed in as {user.email}, but the invitation is for {invitation.email}. Sign out, then sign in or
          sign up as {invitation.email} to accept it.
        </Notice>
        <ErrorAlert error={switchAccount.error} className="mt-4" />
        <Button className="mt-6 w-full" pending={switchAccount.isPending} onClick={() => switchAccount.mutate()}>
          Sign out and continue
        </Button>
        <Link className={cn(buttonVariants({ variant: 'link' }), 'mt-3 w-full py-2')} to="/">
          Back to my workspaces
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} description={lead}>
      <ErrorAlert error={accept.error} className="mb-4" />
      <div className="space-y-3">
        <Button className="w-full" pending={accept.isPending} onClick={() => accept.mutate()}>
          Accept invitation
        </Button>
        {decline}
      </div>
    </AuthCard>
  );
}
