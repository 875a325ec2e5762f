import type { IconName } from '../../components/icons';

export interface ModuleInfo {
  title: string;
  icon: IconName;
  summary: string;
  points: string[];
}

/** What each module not built yet will do: shown as-is, without pretend data. */
export const UPCOMING_MODULES = {
  agents: {
    title: 'Agents',
    icon: 'bot',
    summary: 'The AI agents that answer your customers.',
    points: ['Give each agent instructions, a tone and the knowledge it may use', 'Try it in a preview chat before publishing', 'Streamed answers that cite their sources'],
  },
  knowledge: {
    title: 'Knowledge',
    icon: 'book',
    summary: 'What your agents answer from: your documents and your website.',
    points: ['Upload documents or add pages of your site', 'Sources are indexed for search and kept in sync', 'See which sources each answer used'],
  },
  leads: {
    title: 'Leads',
    icon: 'leads',
    summary: 'The contacts your agents collect in conversations.',
    points: ['Names, addresses and what they asked about, linked to the conversation', 'Track each lead’s status and add notes', 'Export them or send them on with webhooks'],
  },
  channels: {
    title: 'Channels',
    icon: 'channels',
    summary: 'Where your customers reach your agents.',
    points: ['Embed the chat widget on your website', 'Connect messaging channels', 'Choose which agent answers on each channel'],
  },
  analytics: {
    title: 'Analytics',
    icon: 'chart',
    summary: 'How your customer service is doing.',
    points: ['Conversation volume and resolution', 'How often people ask for a human', 'Usage per agent and per channel'],
  },
  webhooks: {
    title: 'Webhooks',
    icon: 'webhook',
    summary: 'Send what happens here to your own systems.',
    points: ['Events such as new conversations and new leads', 'Signed deliveries you can verify', 'A delivery log, with retries'],
  },
} as const satisfies Record<string, ModuleInfo>;

export type UpcomingModule = keyof typeof UPCOMING_MODULES;
