import { useQuery } from '@tanstack/react-query';
import type { WidgetConfig } from '@switchboard/contract/widget';
import { call, useClient, type Schema } from '../../lib/client';
import { useWorkspaceKey } from '../../lib/workspace';

// The widget's settings are the server's shapes, from the API contract (types only).
export type { WidgetConfig };
export type LeadField = WidgetConfig['leadForm']['fields'][number];
/** The OpenAPI document leaves the stored config open; its shape is the contract's widgetConfig. */
export type Widget = Omit<Schema<'WidgetSettings'>, 'config'> & { config: WidgetConfig };
export type AgentSummary = Schema<'Agent'>;
export type IdentityStatus = Schema<'WidgetIdentitySecret'>;

export function useAgents() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents'), queryFn: async () => (await call(client.GET('/api/v1/agents'))).agents });
}

/** The agent's widget, set up with defaults the first time it is opened here. */
export function useWidget(agentId: string | null) {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('widget', agentId),
    enabled: Boolean(agentId),
    // Setting up is idempotent: the existing widget comes back as it is.
    queryFn: async () => (await call(client.POST('/api/v1/widgets', { body: { agentId: agentId! } }))).widget as Widget,
  });
}

export function useIdentity() {
  const client = useClient();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('widget-identity'),
    queryFn: async () => (await call(client.GET('/api/v1/widget-identity'))).identity,
  });
}

/** What the widget is told in the preview: the shape of the public config, from unsaved settings. */
export function previewConfig(config: WidgetConfig, agent: AgentSummary | undefined) {
  const face = agent?.published;
  return {
    title: config.look.title || face?.name || agent?.name || 'Chat',
    avatarUrl: config.look.avatarUrl || face?.avatarUrl || null,
    welcomeText: config.look.welcomeText || face?.greeting || '',
    suggestedQuestions: face?.suggestedQuestions ?? [],
    look: {
      primaryColor: config.look.primaryColor,
      position: config.look.position,
      launcherIcon: config.look.launcherIcon,
      theme: config.look.theme,
    },
    language: config.language,
    leadForm: config.leadForm.enabled
      ? {
          when: config.leadForm.when,
          title: config.leadForm.title,
          fields: config.leadForm.fields,
          consent: config.leadForm.consent,
        }
      : null,
    csat: config.csat.enabled,
    attachments: config.attachments.enabled
      ? { images: config.attachments.images, files: config.attachments.files, maxBytes: config.attachments.maxBytes }
      : null,
  };
}
