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

interface Platform {
  label: string;
  /** What to create on the platform's side, in order. */
  steps: string[];
  fields: CredentialField[];
  /** Where the webhook URL (and verify token) go once connected; Telegram sets its own. */
  pasteWhere?: string;
}

/** Per platform: what to create on its side, and the credentials it gives you. */
export const PLATFORMS: Record<ChannelType, Platform> = {
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
    pasteWhere: 'WhatsApp → Configuration → Webhook',
  },
  slack: {
    label: 'Slack',
    steps: [
      'At api.slack.com/apps, create a new app (from scratch) in your Slack workspace.',
      'Under OAuth & Permissions, add the bot scopes chat:write, app_mentions:read, im:history and users:read (channels:history to answer every channel message), install the app and copy the Bot User OAuth Token (xoxb-…).',
      'Under Basic Information → App Credentials, copy the signing secret.',
      'After connecting: under Event Subscriptions, paste the webhook URL shown here as the Request URL and subscribe to the bot events app_mention and message.im; under App Home, allow users to send messages.',
    ],
    fields: [
      { name: 'botToken', label: 'Bot token', secret: true, hint: 'Starts with xoxb-' },
      { name: 'signingSecret', label: 'Signing secret', secret: true },
    ],
    pasteWhere: 'Event Subscriptions → Request URL',
  },
  messenger: {
    label: 'Messenger',
    steps: [
      'In Meta for Developers, create a Business app and add the Messenger product.',
      'Under Messenger → Settings, add your Facebook Page and generate its Page access token; copy the Page id.',
      'Under App settings → Basic, copy the app secret.',
      'After connecting: under Messenger → Settings → Webhooks, paste the callback URL and verify token shown here, and subscribe the Page to “messages”.',
    ],
    fields: [
      { name: 'pageId', label: 'Page id' },
      { name: 'pageAccessToken', label: 'Page access token', secret: true },
      { name: 'appSecret', label: 'App secret', secret: true },
      { name: 'verifyToken', label: 'Verify token', optional: true, hint: 'Leave empty and one is made for you.' },
    ],
    pasteWhere: 'Messenger → Settings → Webhooks',
  },
  instagram: {
    label: 'Instagram',
    steps: [
      'Link your Instagram professional account to a Facebook Page; in the Instagram app, allow access to messages (Settings → Privacy → Messages → Connected tools).',
      'In Meta for Developers, create a Business app with the Messenger product’s Instagram settings; generate the linked Page’s access token (instagram_manage_messages) and copy the Page id.',
      'Under App settings → Basic, copy the app secret.',
      'After connecting: under Webhooks → Instagram, paste the callback URL and verify token shown here, and subscribe to “messages”.',
    ],
    fields: [
      { name: 'pageId', label: 'Page id', hint: 'The Facebook Page linked to the Instagram account' },
      { name: 'pageAccessToken', label: 'Page access token', secret: true },
      { name: 'appSecret', label: 'App secret', secret: true },
      { name: 'verifyToken', label: 'Verify token', optional: true, hint: 'Leave empty and one is made for you.' },
    ],
    pasteWhere: 'Webhooks → Instagram',
  },
};
