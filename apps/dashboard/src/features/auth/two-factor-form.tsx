import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Checkbox, TextField } from '../../components/field';
import { verifyBackupCode, verifyTotp } from './auth-api';

/** The second step of signing in: a TOTP code, or one of the backup codes. */
export function TwoFactorForm({
  onVerified,
  onCancel,
}: {
  onVerified: () => Promise<void> | void;
  onCancel: () => void;
}) {
  const [useBackup, setUseBackup] = useState(false);
  const [code, setCode] = useState('');
  const [trustDevice, setTrustDevice] = useState(false);
  const verify = useMutation({
    mutationFn: () => (useBackup ? verifyBackupCode(code.trim()) : verifyTotp(code.replace(/\s/g, ''), trustDevice)),
    onSuccess: () => onVerified(),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {useBackup ? (
        <TextField
          key="backup"
          label="Backup code"
          autoComplete="off"
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          hint="Each backup code works once."
        />
      ) : (
        <TextField
          key="totp"
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      )}
      {!useBackup && (
        <Checkbox
          label="Trust this device for 30 days"
          checked={trustDevice}
          onChange={(e) => setTrustDevice(e.target.checked)}
        />
      )}
      <ErrorAlert error={verify.error} />
      <Button type="submit" className="w-full" pending={verify.isPending} disabled={!code.trim()}>
        Verify
      </Button>
      <div className="flex flex-wrap justify-between gap-2 text-sm">
        <Button
          variant="link"
          onClick={() => {
            setUseBackup(!useBackup);
            setCode('');
            verify.reset();
          }}
        >
          {useBackup ? 'Use your authenticator app' : 'Use a backup code instead'}
        </Button>
        <Button variant="link" onClick={onCancel}>
          Back to sign in
        </Button>
      </div>
    </form>
  );
}
