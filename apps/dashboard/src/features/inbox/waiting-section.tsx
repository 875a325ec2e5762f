import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError as ContractError, createClient, unwrap, type Schema } from '@switchboard/contract/client';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { Section } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { ApiError } from '../../lib/api';
import { fieldErrors } from '../../lib/errors';
import { useCan, useWorkspace, useWorkspaceKey } from '../../lib/workspace';
import { fromWaitingForm, toWaitingForm, type WaitingForm } from './settings-form';
import { WaitingFields } from './waiting-fields';

type HandoffSettings = Schema<'HandoffSettings'>;

async function call<R extends { data?: unknown; error?: unknown; response: Response }>(pending: Promise<R>) {
  try {
    return await unwrap(pending);
  } catch (error) {
    if (error instanceof ContractError)
      throw new ApiError(error.status, error.code, error.message, error.requestId, error.details);
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
      undefined,
    );
  }
}

/**
 * The workspace's waiting rules beside an agent's hand-off rules (they apply to every agent):
 * saved on their own, not with the agent's draft, through the typed client.
 */
export function WaitingSection() {
  const { workspace } = useWorkspace();
  const client = useMemo(() => createClient({ workspaceId: workspace.id }), [workspace.id]);
  const key = useWorkspaceKey();
  const settings = useQuery({
    queryKey: key('inbox', 'settings'),
    queryFn: async () => (await call(client.GET('/api/v1/inbox/settings'))).settings,
  });
  return (
    <Section
      title="While a visitor waits for a person"
      description="For every agent of this workspace: when nobody is online or nobody takes the conversation in time, the visitor is told so."
    >
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <WaitingEditor key={JSON.stringify(settings.data.waiting)} settings={settings.data} client={client} />
      )}
    </Section>
  );
}

function WaitingEditor({ settings, client }: { settings: HandoffSettings; client: ReturnType<typeof createClient> }) {
  const canSave = useCan()('workspace.update');
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [form, setForm] = useState<WaitingForm>(() => toWaitingForm(settings.waiting));
  const save = useMutation({
    mutationFn: async () =>
      (await call(client.PUT('/api/v1/inbox/settings', { body: { ...settings, waiting: fromWaitingForm(form) } })))
        .settings,
    onSuccess: (saved) => {
      queryClient.setQueryData(key('inbox', 'settings'), saved);
      notify('Waiting settings saved.');
    },
  });
  return (
    // Not a form of its own: it sits inside the agent editor's form, whose submit saves the draft.
    <div
      className="space-y-4"
      onKeyDown={(e) => e.key === 'Enter' && e.target instanceof HTMLInputElement && e.preventDefault()}
    >
      <WaitingFields value={form} onChange={setForm} errors={fieldErrors(save.error)} readOnly={!canSave} />
      {save.isError && <ErrorAlert error={save.error} />}
      {canSave ? (
        <Button type="button" variant="secondary" pending={save.isPending} onClick={() => save.mutate()}>
          Save waiting settings
        </Button>
      ) : (
        <p className="text-sm text-slate-600">Owners and admins change these.</p>
      )}
    </div>
  );
}
