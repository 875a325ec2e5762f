import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog, DialogActions } from '../../components/dialog';
import { Checkbox, TextField } from '../../components/field';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { WEBHOOK_EVENT_TYPES, type Webhook } from './webhooks-api';
import { WebhookSecret } from './webhook-secret';

const CHOICES = WEBHOOK_EVENT_TYPES.filter((type) => type !== 'webhook.test');

/** Adds an endpoint, then shows its signing secret this one time. */
export function CreateWebhookDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [all, setAll] = useState(true);
  const [events, setEvents] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      workspaceApi<{ webhook: Webhook; secret: string }>('/api/v1/webhooks', {
        method: 'POST',
        json: { url: url.trim(), description, events: all ? ['*'] : events },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key('webhooks') }),
  });
  const change = (next: boolean) => {
    if (!next) {
      setUrl('');
      setDescription('');
      setAll(true);
      setEvents([]);
      create.reset();
    }
    onOpenChange(next);
  };
  const toggle = (type: string, on: boolean) =>
    setEvents((list) => (on ? [...new Set([...list, type])] : list.filter((t) => t !== type)));
  const errors = fieldErrors(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  if (create.data) {
    return (
      <Dialog
        open={open}
        onOpenChange={change}
        title="Endpoint added"
        size="lg"
        description={`Events now go to ${create.data.webhook.url}. Copy its signing secret now.`}
      >
        <WebhookSecret secret={create.data.secret} />
        <DialogActions>
          <Button onClick={() => change(false)}>I’ve saved the secret</Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={change}
      title="Add endpoint"
      size="lg"
      description="Switchboard will POST signed events to this address."
    >
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <TextField
          label="URL"
          required
          type="url"
          autoFocus
          placeholder="https://example.com/hooks/switchboard"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          hint="Private and loopback addresses are refused."
        />
        <TextField
          label="Description"
          maxLength={500}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Events</legend>
          <div className="mt-2 space-y-2">
            <Checkbox
              label="All events"
              hint="Including ones added later."
              checked={all}
              onChange={(e) => setAll(e.target.checked)}
            />
            {!all && (
              <div className="grid gap-1 sm:grid-cols-2">
                {CHOICES.map((type) => (
                  <Checkbox
                    key={type}
                    label={<code className="text-xs">{type}</code>}
                    checked={events.includes(type)}
                    onChange={(e) => toggle(type, e.target.checked)}
                  />
                ))}
              </div>
            )}
          </div>
          {errors.events && <p className="mt-1 text-sm text-red-700">{errors.events}</p>}
        </fieldset>
        {create.isError && Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
        <DialogActions>
          <Button variant="secondary" onClick={() => change(false)}>
            Cancel
          </Button>
          <Button type="submit" pending={create.isPending} disabled={!url.trim() || (!all && events.length === 0)}>
            Add endpoint
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
