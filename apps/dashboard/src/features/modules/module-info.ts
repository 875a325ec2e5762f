import type { IconName } from '../../components/icons';

export interface ModuleInfo {
  title: string;
  icon: IconName;
  summary: string;
  points: string[];
}

/** What each module not built yet will do: shown as-is, without pretend data. */
export const UPCOMING_MODULES = {
  inbox: {
    title: 'Inbox',
    icon: 'inbox',
    summary: 'Every conversation your AI agents hold on the website widget and your messaging channels, live.',
    points: ['Follow conversations as they happen', 'Take a conversation over from the agent and reply yourself', 'Hand it back, close it, find it again later'],
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
