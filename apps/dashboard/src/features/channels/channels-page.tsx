import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/alert';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { SelectField } from '../../components/field';
import { Icon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Loading } from '../../components/spinner';
import { useToast } from '../../components/toast';
import { fieldErrors } from '../../lib/errors';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';
import { previewConfig, useAgents, useWidget, type Widget } from './channels-api';
import { IdentitySecret } from './identity-secret';
import { MessagingChannels } from './messaging-channels';
import { WidgetInstall } from './widget-install';
import { WidgetPreview } from './widget-preview';
import { WidgetSettingsForm, type Draft } from './widget-settings-form';

const draftOf = (widget: Widget): Draft => ({ origins: widget.allowedOrigins.join('\n'), config: widget.config });

/** Channels → Website widget: pick an agent, set its widget up, see it live, install it. */
export function ChannelsPage() {
  const agents = useAgents();
  const [chosenId, setAgentId] = useState<string | null>(null);
  const live = useMemo(() => agents.data?.filter((a) => a.status !== 'archived') ?? [], [agents.data]);
  const agentId = chosenId ?? live[0]?.id ?? null;

  return (
    <>
      <PageHeader
        title="Channels"
        description="Where your customers reach your agents: messaging apps and your website."
      />
      {live.length > 0 && <MessagingChannels agents={live} />}
      <h2 className="mb-4 text-lg font-semibold text-slate-900">Website widget</h2>
      {agents.isPending ? (
        <Loading label="Loading agents…" />
      ) : agents.isError ? (
        <ErrorAlert error={agents.error} />
      ) : live.length === 0 ? (
        <EmptyState icon={<Icon name="bot" className="h-6 w-6" />} title="No agent yet">
          <p>The widget puts one of your agents on your website. Create an agent first, then come back here.</p>
        </EmptyState>
      ) : (
        <>
          <SelectField
            label="Agent"
            fieldClassName="mb-6 max-w-sm"
            value={agentId ?? ''}
            onChange={(e) => setAgentId(e.target.value)}
          >
            {live.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </SelectField>
          {agentId && <WidgetEditor key={agentId} agentId={agentId} agent={live.find((a) => a.id === agentId)} />}
        </>
      )}
      <div className="mt-8">
        <IdentitySecret />
      </div>
    </>
  );
}

function WidgetEditor({ agentId, agent }: { agentId: string; agent: Parameters<typeof previewConfig>[1] }) {
  const widget = useWidget(agentId);
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [edited, setDraft] = useState<Draft | null>(null);
  const stored = useMemo(() => (widget.data ? draftOf(widget.data) : null), [widget.data]);
  const draft = edited ?? stored;
  const save = useMutation({
    mutationFn: (value: Draft) =>
      workspaceApi<{ widget: Widget }>(`/api/v1/widgets/${encodeURIComponent(agentId)}`, {
        method: 'PATCH',
        json: { allowedOrigins: value.origins.split(/[\s,]+/).filter(Boolean), ...value.config },
      }),
    onSuccess: ({ widget: saved }) => {
      queryClient.setQueryData(key('widget', agentId), saved);
      setDraft(draftOf(saved));
      notify('Widget settings saved.');
    },
  });
  const preview = useMemo(() => (draft ? previewConfig(draft.config, agent) : null), [draft, agent]);
  if (widget.isPending || !draft)
    return widget.isError ? <ErrorAlert error={widget.error} /> : <Loading label="Loading the widget…" />;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(widget.data!));
  const errors = fieldErrors(save.error);
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_440px]">
      <form
        className="space-y-6"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft);
        }}
      >
        <WidgetInstall widget={widget.data!} />
        <WidgetSettingsForm draft={draft} onChange={setDraft} errors={errors} />
        <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
          <Button type="submit" pending={save.isPending} disabled={!dirty}>
            Save changes
          </Button>
          {dirty && (
            <Button variant="ghost" onClick={() => setDraft(draftOf(widget.data!))}>
              Discard
            </Button>
          )}
          {dirty && <span className="text-sm text-slate-600">Unsaved changes show in the preview only.</span>}
        </div>
        {save.isError && <ErrorAlert error={save.error} />}
      </form>
      <aside aria-label="Preview" className="xl:sticky xl:top-4 xl:self-start">
        <p className="mb-2 text-sm font-medium text-slate-800">Live preview</p>
        <WidgetPreview publicKey={widget.data!.publicKey} config={preview} />
        <p className="mt-2 max-w-[440px] text-xs text-slate-500">
          The real widget, talking to the published agent: messages you send here are real conversations.
        </p>
      </aside>
    </div>
  );
}
