import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { TextAreaField } from '../../components/field';
import { useToast } from '../../components/toast';
import { post } from '../../lib/api';
import type { TenantRow } from './admin-api';

export function SuspendDialog({
  tenant,
  open,
  onOpenChange,
  onDone,
}: {
  tenant: TenantRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const notify = useToast();
  const [reason, setReason] = useState('');
  const suspend = useMutation({
    mutationFn: () => post(`/api/admin/tenants/${encodeURIComponent(tenant.id)}/suspend`, { reason: reason.trim() }),
    onSuccess: () => {
      notify(`${tenant.name} is suspended.`);
      change(false);
      onDone();
    },
  });
  function change(next: boolean) {
    if (!next) {
      setReason('');
      suspend.reset();
    }
    onOpenChange(next);
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    suspend.mutate();
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title={`Suspend ${tenant.name}?`}
      description="Every API call, widget conversation and dashboard page of this workspace answers “suspended” until you reinstate it. Nothing is deleted."
    >
      <form onSubmit={onSubmit} noValidate>
        <TextAreaField
          label="Reason"
          rows={3}
          maxLength={500}
          required
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint="Kept with the workspace and in its audit log."
        />
        <ErrorAlert error={suspend.error} className="mt-4" />
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" pending={suspend.isPending} disabled={!reason.trim()}>
            Suspend workspace
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
