import { useQuery } from '@tanstack/react-query';
import type { Schema } from '@switchboard/contract/client';
import type { ChannelType } from '@switchboard/contract/channels';
import { useWorkspaceApi, useWorkspaceKey } from '../../lib/workspace';

// The server's shapes, from the API contract: a change there breaks this typecheck, not the page.
export type ChannelConnection = Schema<'ChannelConnection'>;
export type { ChannelType };

export const channelPath = (id: string) => `/api/v1/channels/${encodeURIComponent(id)}`;

export function useChannelConnections() {
  const workspaceApi = useWorkspaceApi();
  const key = useWorkspaceKey();
  return useQuery({
    queryKey: key('channel-connections'),
    queryFn: () => workspaceApi<{ channels: ChannelConnection[] }>('/api/v1/channels').then((r) => r.channels),
    // Health (last message in and out) moves while customers write.
    refetchInterval: 15_000,
  });
}

interface CredentialField {
  name: string;
  label: string;
  secret?: boolean;
  optional?: boolean;
  hint?: string;
}

/** Per platform: what to create on its side, and the credentials it gives you. */
export const PLATFORMS: Record<ChannelType, { label: string; steps: string[]; fields: CredentialField[] }> = {
  telegram: {
    label: 'Telegram',
    steps: [
      'In Telegram, talk to @BotFather and send /newbot (or /token for an existing bot).',
      'Paste the token it gives you below. Switchboard sets the bot’s webhook itself, with a secret only it knows.',
    ],
    fields: [{ name: 'botToken', label: 'Bot token', secret: true, hint: 'Looks like 123456789:AAE…' }],
  },
  whatsapp: {
    label: 'WhatsApp',
    steps: [
      'In Meta for Developers, create a Business app and add the WhatsApp product.',
      'Under WhatsApp → API Setup, copy the phone number id; create a system user token with whatsapp_business_messaging.',
      'Under App settings → Basic, copy the app secret.',
      'After connecting: under WhatsApp → Configuration, paste the webhook URL and verify token shown here, and subscribe to “messages”.',
    ],
    fields: [
      { name: 'phoneNumberId', label: 'Phone number id' },
      { name: 'accessToken', label: 'Access token', secret: true },
      { name: 'appSecret', label: 'App secret', secret: true },
      { name: 'verifyToken', label: 'Verify token', optional: true, hint: 'Leave empty and one is made for you.' },
    ],
  },
};
