import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Notice } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Section } from '../../components/page-header';
import { useToast } from '../../components/toast';
import { post } from '../../lib/api';
import { meKey, useSession } from '../../lib/session';
import { BackupCodes } from './backup-codes';
import { EnableTwoFactorDialog } from './enable-two-factor-dialog';
import { PasswordPrompt } from './password-prompt';

type Open = 'enable' | 'disable' | 'codes' | null;

export function TwoFactorSection() {
  const me = useSession();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [open, setOpen] = useState<Open>(null);
  const disable = useMutation({
    mutationFn: (password: string) => post('/api/auth/two-factor/disable', { password }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      setOpen(null);
      notify('Two-factor authentication is off.');
    },
  });
  const codes = useMutation({
    mutationFn: (password: string) =>
      post<{ backupCodes: string[] }>('/api/auth/two-factor/generate-backup-codes', { password }),
  });
  const close = () => {
    setOpen(null);
    disable.reset();
    codes.reset();
  };
  const enabled = me.user.twoFactorEnabled;

  return (
    <Section
      title="Two-factor authentication"
      description="A code from an authenticator app, asked for after your password."
    >
      <p className="mb-4 flex items-center gap-2 text-sm">
        Status: {enabled ? <Badge tone="green">On</Badge> : <Badge>Off</Badge>}
      </p>
      {enabled ? (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setOpen('codes')}>
            Generate new backup codes
          </Button>
          <Button variant="danger" onClick={() => setOpen('disable')}>
            Turn off two-factor authentication
          </Button>
        </div>
      ) : (
        <Button onClick={() => setOpen('enable')}>Set up two-factor authentication</Button>
      )}

      <EnableTwoFactorDialog open={open === 'enable'} onOpenChange={(o) => (o ? setOpen('enable') : close())} />
      <Dialog
        open={open === 'disable'}
        onOpenChange={(o) => !o && close()}
        title="Turn off two-factor authentication?"
        description="Signing in will only ask for your password."
      >
        <PasswordPrompt
          confirmLabel="Turn off"
          destructive
          pending={disable.isPending}
          error={disable.error}
          onSubmit={(p) => disable.mutate(p)}
          onCancel={close}
        />
      </Dialog>
      <Dialog
        open={open === 'codes'}
        onOpenChange={(o) => !o && close()}
        title="New backup codes"
        description="Your old backup codes stop working."
      >
        {codes.data ? (
          <>
            <Notice tone="warning" className="mb-4">
              Save these now: they won’t be shown again. Each works once.
            </Notice>
            <BackupCodes codes={codes.data.backupCodes} />
            <DialogActions>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </>
        ) : (
          <PasswordPrompt
            confirmLabel="Generate codes"
            pending={codes.isPending}
            error={codes.error}
            onSubmit={(p) => codes.mutate(p)}
            onCancel={close}
          />
        )}
      </Dialog>
    </Section>
  );
}
