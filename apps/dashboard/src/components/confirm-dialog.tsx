import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './alert';
import { Button } from './button';
import { Dialog, DialogActions } from './dialog';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  /** Runs on confirm; the dialog closes when it resolves and shows the error when it fails. */
  onConfirm: () => Promise<unknown>;
  onDone?: () => void;
  destructive?: boolean;
  children?: ReactNode;
}

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  onDone,
  destructive = true,
  children,
}: ConfirmDialogProps) {
  const mutation = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => {
      onOpenChange(false);
      onDone?.();
    },
  });
  const change = (next: boolean) => {
    if (!next) mutation.reset();
    onOpenChange(next);
  };
  return (
    <Dialog open={open} onOpenChange={change} title={title} description={description}>
      {children}
      <ErrorAlert error={mutation.error} className="mt-4" />
      <DialogActions>
        <Button variant="secondary" onClick={() => change(false)}>
          Cancel
        </Button>
        <Button
          variant={destructive ? 'danger' : 'primary'}
          pending={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
