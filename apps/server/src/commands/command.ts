import type { Config } from '../platform/config';

/** One `switchboard` command: its help and what it runs. */
export interface Command {
  summary: string;
  usage: string;
  /** `value` names a string option's argument in the help (default: value). */
  options?: Record<string, { type: 'string' | 'boolean'; value?: string; description: string }>;
  run(config: Config, values: Record<string, string | boolean | undefined>): Promise<number | 'running'>;
}
