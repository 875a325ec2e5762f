import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { DialogActions } from '../../components/dialog';
import { TextField } from '../../components/field';

/** Asks for the account password before a sensitive change (two-factor settings). */
export function PasswordPrompt({
  confirmLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  destructive = false,
}: {
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  onCancel: () => void;
  destructive?: boolean;
}) {
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(password);
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint="Your account password, to confirm it’s you."
      />
      <ErrorAlert error={error} className="mt-4" />
      <DialogActions>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={destructive ? 'danger' : 'primary'} pending={pending} disabled={!password}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
