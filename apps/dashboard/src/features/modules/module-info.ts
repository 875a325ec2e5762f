import type { IconName } from '../../components/icons';

export interface ModuleInfo {
  title: string;
  icon: IconName;
  summary: string;
  points: string[];
}

/** What each module not built yet will do: shown as-is, without pretend data. */
/** None today: analytics, the last one, has its own page. Add an entry when a module is announced. */
export const UPCOMING_MODULES: Partial<Record<string, ModuleInfo>> = {};

export type UpcomingModule = string;
