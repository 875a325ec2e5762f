import { zodResolver } from '@hookform/resolvers/zod';
import { createApiKeyInput } from '@switchboard/contract/accounts';
import type { ApiKeyScope } from '@switchboard/contract/permissions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { call, useClient } from '../../lib/client';
import { applyServerErrors } from '../../lib/form';
import { useWorkspaceKey } from '../../lib/workspace';
import { SCOPE_TEXT } from './api-keys-api';

type NewKey = { name: string; scopes: ApiKeyScope[] };
const schema = createApiKeyInput.pick({ name: true, scopes: true });
import { KeySecret } from './key-secret';

/** Creates a key, then shows its secret this one time. */
export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const client = useClient();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const form = useForm<NewKey>({ defaultValues: { name: '', scopes: ['read'] }, resolver: zodResolver(schema) });
  const [name, scopes] = useWatch({ control: form.control, name: ['name', 'scopes'] });
  const create = useMutation({
    mutationFn: (body: NewKey) => call(client.POST('/api/v1/api-keys', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('api-keys') }),
    onError: (error) => applyServerErrors(form, error),
  });
  const change = (next: boolean) => {
    if (!next) {
      form.reset();
      create.reset();
    }
    onOpenChange(next);
  };
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit((values) => create.mutate(values));

  if (create.data) {
    return (
      <Dialog
        open={open}
        onOpenChange={change}
        title="Your new API key"
        size="lg"
        description={`“${create.data.apiKey.name}” is ready. Copy its secret now.`}
      >
        <KeySecret secret={create.data.secret} />
        <DialogActions>
          <Button onClick={() => change(false)}>I’ve saved the key</Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Create API key"
      description="For your own systems to call the Switchboard API on behalf of this workspace."
    >
      <form onSubmit={(event) => void onSubmit(event)} className="space-y-5" noValidate>
        <TextField
          label="Name"
          required
          maxLength={80}
          autoFocus
          {...form.register('name')}
          hint="Name it after what uses it, e.g. “CRM sync”."
          error={errors.name?.message}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-2 space-y-2">
            {(['read', 'write'] as const).map((scope) => (
              <Checkbox
                key={scope}
                label={scope === 'read' ? 'Read' : 'Write'}
                hint={SCOPE_TEXT[scope]}
                value={scope}
                {...form.register('scopes')}
              />
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Read covers GET requests only. Anything that changes data needs Write, chatting through the API included
            (starting conversations, sending messages); a read-only key gets <code>403 forbidden</code> there, naming
            the missing scope.
          </p>
          <p className="mt-1 text-xs text-slate-500">
            No key can manage the workspace itself (team, settings, keys): that stays with people.
          </p>
          {errors.scopes && <p className="mt-1 text-sm text-red-700">{errors.scopes.message}</p>}
        </fieldset>
        {create.isError && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} disabled={!name.trim() || scopes.length === 0}>
            Create key
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
