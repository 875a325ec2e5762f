import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { SCOPE_TEXT, type ApiKey } from './api-keys-api';
import { KeySecret } from './key-secret';

/** Creates a key, then shows its secret this one time. */
export function CreateKeyDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['read']);
  const create = useMutation({
    mutationFn: () => workspaceApi<{ apiKey: ApiKey; secret: string }>('/api/v1/api-keys', { method: 'POST', json: { name: name.trim(), scopes } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('api-keys') }),
  });
  const change = (next: boolean) => {
    if (!next) {
      setName('');
      setScopes(['read']);
      create.reset();
    }
    onOpenChange(next);
  };
  const toggle = (scope: string, on: boolean) => setScopes((list) => (on ? [...new Set([...list, scope])] : list.filter((s) => s !== scope)));
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  if (create.data) {
    return (
      <Dialog open={open} onOpenChange={change} title="Your new API key" size="lg" description={`“${create.data.apiKey.name}” is ready. Copy its secret now.`}>
        <KeySecret secret={create.data.secret} />
        <DialogActions>
          <Button onClick={() => change(false)}>I’ve saved the key</Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open={open} onOpenChange={change} title="Create API key" description="For your own systems to call the Switchboard API on behalf of this workspace.">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <TextField label="Name" required maxLength={80} autoFocus value={name} onChange={(e) => setName(e.target.value)} hint="Name it after what uses it, e.g. “CRM sync”." error={errors.name} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Scopes</legend>
          <div className="mt-2 space-y-2">
            {(['read', 'write'] as const).map((scope) => (
              <Checkbox key={scope} label={scope === 'read' ? 'Read' : 'Write'} hint={SCOPE_TEXT[scope]} checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
            ))}
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Read covers GET requests only. Anything that changes data needs Write, chatting through the API included (starting conversations, sending messages); a
            read-only key gets <code>403 forbidden</code> there, naming the missing scope.
          </p>
          <p className="mt-1 text-xs text-slate-500">No key can manage the workspace itself (team, settings, keys): that stays with people.</p>
          {errors.scopes && <p className="mt-1 text-sm text-red-700">{errors.scopes}</p>}
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
