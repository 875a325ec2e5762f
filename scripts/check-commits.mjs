#!/usr/bin/env node
/**
 * Commit subjects stay short (≤ 72 characters; the body says the rest). Checked for every
 * commit after the one that introduced this check: older history is left as it was.
 * Merge commits are checked too. Run by `.ci/run` and `npm run lint:commits`.
 */
import { execFileSync } from 'node:child_process';

const SINCE = '983be68'; // the last commit before the rule was enforced
const LIMIT = 72;

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
try {
  git('cat-file', '-e', `${SINCE}^{commit}`);
} catch {
  console.error(`check-commits: commit ${SINCE} is not in this clone; fetch the full history (git fetch --unshallow).`);
  process.exit(1);
}
const lines = git('log', '--format=%h %s', `${SINCE}..HEAD`).split('\n').filter(Boolean);
const long = lines.filter((line) => line.slice(line.indexOf(' ') + 1).length > LIMIT);
for (const line of long) console.error(`subject over ${LIMIT} characters: ${line}`);
console.log(`check-commits: ${lines.length} commits since ${SINCE}, ${long.length} with a long subject`);
process.exit(long.length ? 1 : 0);
