import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert, Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';
import { useToast } from '../../components/toast';
import { post } from '../../lib/api';
import { meKey } from '../../lib/session';
import { BackupCodes } from './backup-codes';
import { PasswordPrompt } from './password-prompt';

interface Enrolment {
  totpURI: string;
  backupCodes: string[];
}

function secretOf(uri: string): string {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

/** Password → QR code, secret and backup codes → a first code, which turns it on. */
export function EnableTwoFactorDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const notify = useToast();
  const [code, setCode] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  const enrol = useMutation({
    mutationFn: (password: string) => post<Enrolment>('/api/auth/two-factor/enable', { password }),
  });
  const verify = useMutation({
    mutationFn: () => post('/api/auth/two-factor/verify-totp', { code: code.replace(/\s/g, '') }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meKey });
      notify('Two-factor authentication is on.');
      change(false);
    },
  });
  const uri = enrol.data?.totpURI;
  useEffect(() => {
    if (!uri) return;
    let live = true;
    // Loaded on demand: the QR encoder is only needed here. Without it the dialog still shows
    // the key as text to type in.
    import('qrcode')
      .then((QRCode) => QRCode.toDataURL(uri, { margin: 1, width: 200 }))
      .then((url) => live && setQr(url))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [uri]);

  function change(next: boolean) {
    if (!next) {
      enrol.reset();
      verify.reset();
      setCode('');
      setQr(null);
    }
    onOpenChange(next);
  }
  const onVerify = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate();
  };

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Set up two-factor authentication"
      size={enrol.data ? 'lg' : 'md'}
      description={enrol.data ? undefined : 'Confirm your password to start.'}
    >
      {!enrol.data ? (
        <PasswordPrompt
          confirmLabel="Continue"
          pending={enrol.isPending}
          error={enrol.error}
          onSubmit={(p) => enrol.mutate(p)}
          onCancel={() => change(false)}
        />
      ) : (
        <form onSubmit={onVerify} className="space-y-5" noValidate>
          <div>
            <h3 className="text-sm font-semibold">1. Scan this QR code with your authenticator app</h3>
            <div className="mt-3 flex flex-col gap-4 sm:flex-row sm:items-center">
              {qr ? (
                <img
                  src={qr}
                  alt="QR code for your authenticator app"
                  width={200}
                  height={200}
                  className="rounded-lg border border-slate-200"
                />
              ) : (
                <div className="h-[200px] w-[200px] rounded-lg bg-slate-100" />
              )}
              <p className="text-sm text-slate-600">
                Can’t scan it? Enter this key instead:
                <code
                  className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm text-slate-900"
                  data-testid="totp-secret"
                >
                  {secretOf(enrol.data.totpURI)}
                </code>
              </p>
            </div>
          </div>
          <div>
            <h3 className="text-sm font-semibold">2. Save your backup codes</h3>
            <p className="mb-2 mt-1 text-sm text-slate-600">If you lose your phone, each of these signs you in once.</p>
            <BackupCodes codes={enrol.data.backupCodes} />
          </div>
          <div>
            <h3 className="text-sm font-semibold">3. Enter the code your app shows</h3>
            <TextField
              fieldClassName="mt-2 max-w-xs"
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <ErrorAlert error={verify.error} />
          <Notice>Two-factor authentication turns on once the code is accepted.</Notice>
          <DialogActions>
            <Button variant="secondary" onClick={() => change(false)}>
              Cancel
            </Button>
            <Button type="submit" pending={verify.isPending} disabled={!code.trim()}>
              Verify and turn on
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
