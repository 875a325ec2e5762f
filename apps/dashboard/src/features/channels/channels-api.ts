import { useQuery } from '@tanstack/react-query';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

export interface LeadField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'email' | 'phone' | 'select';
  required: boolean;
  options?: string[];
}

export interface WidgetConfig {
  look: { primaryColor: string; position: 'bottom-right' | 'bottom-left'; launcherIcon: 'chat' | 'help' | 'sparkle' | 'headset'; avatarUrl: string | null; title: string | null; welcomeText: string | null; theme: 'light' | 'dark' | 'auto' };
  language: 'auto' | 'en' | 'es' | 'fr' | 'de' | 'pt' | 'ar';
  leadForm: { enabled: boolean; when: 'before_chat' | 'on_demand' | 'tool'; title: string | null; fields: LeadField[]; consent: { text: string; required: boolean } | null };
  csat: { enabled: boolean };
  attachments: { enabled: boolean; images: boolean; files: boolean; maxBytes: number };
}

export interface Widget {
  agentId: string;
  agentName: string;
  publicKey: string;
  allowedOrigins: string[];
  config: WidgetConfig;
  snippet: string;
  hostedUrl: string;
  updatedAt: string;
}

export interface AgentSummary {
  id: string;
  name: string;
  status: string;
  published: { name: string; greeting: string; avatarUrl: string | null; suggestedQuestions: string[] } | null;
}

export interface IdentityStatus {
  configured: boolean;
  hint: string | null;
  rotatedAt: string | null;
}

export function useAgents() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('agents'), queryFn: () => workspaceApi<{ agents: AgentSummary[] }>('/api/v1/agents').then((r) => r.agents) });
}

/** The agent's widget, set up with defaults the first time it is opened here. */
export function useWidget(agentId: string | null) {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('widget', agentId),
    enabled: Boolean(agentId),
    // Setting up is idempotent: the existing widget comes back as it is.
    queryFn: async () => (await workspaceApi<{ widget: Widget }>('/api/v1/widgets', { method: 'POST', json: { agentId } })).widget,
  });
}

export function useIdentity() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({ queryKey: key('widget-identity'), queryFn: () => workspaceApi<{ identity: IdentityStatus }>('/api/v1/widget-identity').then((r) => r.identity) });
}

/** What the widget is told in the preview: the shape of the public config, from unsaved settings. */
export function previewConfig(config: WidgetConfig, agent: AgentSummary | undefined) {
  const face = agent?.published;
  return {
    title: config.look.title || face?.name || agent?.name || 'Chat',
    avatarUrl: config.look.avatarUrl || face?.avatarUrl || null,
    welcomeText: config.look.welcomeText || face?.greeting || '',
    suggestedQuestions: face?.suggestedQuestions ?? [],
    look: { primaryColor: config.look.primaryColor, position: config.look.position, launcherIcon: config.look.launcherIcon, theme: config.look.theme },
    language: config.language,
    leadForm: config.leadForm.enabled ? { when: config.leadForm.when, title: config.leadForm.title, fields: config.leadForm.fields, consent: config.leadForm.consent } : null,
    csat: config.csat.enabled,
    attachments: config.attachments.enabled ? { images: config.attachments.images, files: config.attachments.files, maxBytes: config.attachments.maxBytes } : null,
  };
}
