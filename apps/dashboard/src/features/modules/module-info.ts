import type { IconName } from '../../components/icons';

export interface ModuleInfo {
  title: string;
  icon: IconName;
  summary: string;
  points: string[];
}

/** What each module not built yet will do: shown as-is, without pretend data. */
export const UPCOMING_MODULES = {
  analytics: {
    title: 'Analytics',
    icon: 'chart',
    summary: 'How your customer service is doing.',
    points: [
      'Conversation volume and resolution',
      'How often people ask for a human',
      'Usage per agent and per channel',
    ],
  },
} as const satisfies Record<string, ModuleInfo>;

export type UpcomingModule = keyof typeof UPCOMING_MODULES;
