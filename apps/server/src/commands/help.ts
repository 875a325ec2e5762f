import type { Command } from './command';

/** Two columns, the second starting at the same place on every line whatever the first holds. */
export function columns(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}

export function mainHelp(commands: Record<string, Command>): string {
  return [
    'Switchboard: multi-tenant AI customer-service platform',
    '',
    'Usage: switchboard <command> [options]',
    '',
    'Commands:',
    // In the order they are declared.
    ...columns(Object.entries(commands).map(([name, c]) => [name, c.summary])),
    '',
    'Configuration comes from the environment (PORT, DATA_DIR, DATABASE_URL, REDIS_URL, …); see README.',
    'Run `switchboard <command> --help` for a command’s options.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(([flag, o]): [string, string] => [
    `--${flag}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`,
    o.description,
  ]);
  options.push(['--help', 'Show this help']);
  return [`Usage: ${command.usage}`, '', command.summary, '', 'Options:', ...columns(options)].join('\n');
}
