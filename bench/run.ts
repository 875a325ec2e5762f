import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createContext, type BenchResult, type DbMode } from './lib';
import { suites } from './suites';

/**
 * npm run bench [-- --only=<suite>] [--mode=embedded|postgres|both]
 * PostgreSQL runs when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 * Prints a table and merges the results into bench/results.json.
 */
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const modeArg = args.get('mode') ?? (postgresUrl ? 'both' : 'embedded');
const modes: DbMode[] = modeArg === 'both' ? ['embedded', 'postgres'] : [modeArg as DbMode];
const only = args.get('only');

const ctx = createContext(modes, postgresUrl);
const results: BenchResult[] = [];
for (const suite of suites) {
  if (only && suite.name !== only) continue;
  process.stderr.write(`▶ ${suite.name}: ${suite.description} (${modes.join(', ')})\n`);
  results.push(...(await suite.run(ctx)));
}

const rows = results.map((r) => ({
  suite: r.suite,
  benchmark: r.name,
  mode: r.mode,
  metrics: Object.entries(r.metrics)
    .map(([k, v]) => `${k}=${v}`)
    .join(' '),
  budget: r.budget ? `${r.budget} ${r.withinBudget ? '✔' : '✘'}` : '',
}));
const columns = ['suite', 'benchmark', 'mode', 'metrics', 'budget'] as const;
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
console.log(line([...columns]));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(columns.map((c) => row[c])));
for (const r of results) if (r.note) console.log(`  · ${r.name} [${r.mode}]: ${r.note}`);

const file = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'results.json');
const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { results?: BenchResult[] }) : {};
const key = (r: BenchResult) => `${r.suite}|${r.name}|${r.mode}`;
const merged = new Map((previous.results ?? []).map((r) => [key(r), r]));
for (const r of results) merged.set(key(r), { ...r, measuredAt: new Date().toISOString() } as BenchResult);
fs.writeFileSync(
  file,
  JSON.stringify(
    {
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model,
        node: process.version,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
      },
      results: [...merged.values()],
    },
    null,
    2,
  ) + '\n',
);
console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
process.exit(0);
