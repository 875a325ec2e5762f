import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoPath } from '../../src/platform/paths';
import { documentationFiles, scanMarkdown } from './markdown';

/** A ```bash block of the documentation that calls curl. */
export interface CurlExample {
  /** `docs/chat-api.md:42`: where the block opens. */
  where: string;
  code: string;
  /** Set when the block starts with `# not run: <reason>`. */
  notRun: string | null;
}

const NOT_RUN = /^#\s*not run:\s*(.*)$/;

/** Places in a block where curl is run as a command (at a line's start, after a pipe, `;`, `&&` or in `$(`). */
export const curlCommands = (code: string): number =>
  code
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .match(/(^|[|;&(]|\$\()\s*curl\s/gm)?.length ?? 0;

export function curlExamples(): CurlExample[] {
  return documentationFiles().flatMap((file) =>
    scanMarkdown(fs.readFileSync(repoPath(file), 'utf8'))
      .blocks.filter((block) => ['bash', 'sh', 'shell'].includes(block.lang) && curlCommands(block.code) > 0)
      .map((block) => {
        const first = block.code.split('\n').find((line) => line.trim()) ?? '';
        const marker = NOT_RUN.exec(first.trim());
        return { where: `${file}:${block.line}`, code: block.code, notRun: marker ? marker[1]!.trim() : null };
      }),
  );
}

/**
 * Runs before each example, in the same bash. `curl` becomes a function that
 * - refuses any address but the test server's (before anything is sent);
 * - runs the real curl with a time limit (a live event stream never ends by itself: one whose
 *   URL ends in /events gets a few seconds, then counts as answered if it was a 2xx stream);
 * - records the HTTP status of every request, and fails on anything but 2xx — in a file too,
 *   so that `|| true` or a command substitution cannot hide it.
 */
const PRELUDE = String.raw`
set -euo pipefail
curl() {
  local arg url_like='^(https?://|[A-Za-z0-9.-]+:[0-9]+(/|$)|localhost(/|$))'
  for arg in "$@"; do
    if [[ $arg =~ $url_like && $arg != "$APP_URL" && $arg != "$APP_URL"/* && $arg != "$APP_URL"\?* ]]; then
      echo "docs example: refused a request to $arg (only $APP_URL is allowed)" >&2
      echo "refused $arg" >> "$SB_WORK/failures"
      return 97
    fi
  done
  local limit=30
  for arg in "$@"; do
    if [[ $arg == "$APP_URL"/*/events || $arg == "$APP_URL"/*/events\?* ]]; then limit=4; fi
  done
  local err="$SB_WORK/curl.err" rc=0
  # Any other host is sent to a closed port of 127.0.0.1: nothing leaves the machine, not even a DNS query.
  command curl --noproxy '*' --connect-to "$SB_HOSTPORT:$SB_HOSTPORT" --connect-to '::127.0.0.1:9' --max-time "$limit" "$@" -w '%{stderr}\nSB-STATUS|%{http_code}|%{content_type}|%{url_effective}\n' 2>"$err" || rc=$?
  grep -v '^SB-STATUS|' "$err" >&2 || true
  local status type url
  IFS='|' read -r _ status type url < <(grep '^SB-STATUS|' "$err" | tail -n 1; echo 'SB-STATUS|000||') || true
  echo "$status $rc $url" >> "$SB_WORK/calls"
  if [[ $url != "$APP_URL"/* ]]; then
    echo "docs example: a request went to $url (only $APP_URL is allowed)" >&2
    echo "elsewhere $url" >> "$SB_WORK/failures"
    return 97
  fi
  if [[ ! "$status" =~ ^2[0-9][0-9]$ ]]; then
    echo "docs example: HTTP $status from $url" >&2
    echo "status $status $url" >> "$SB_WORK/failures"
    return 22
  fi
  if [[ $rc -ne 0 && ! ( $rc -eq 28 && "$type" == text/event-stream* ) ]]; then
    echo "curl exit $rc $url" >> "$SB_WORK/failures"
    return "$rc"
  fi
  return 0
}
`;

export interface ExampleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** `<status> <curl exit code> <url>` per request made. */
  calls: string[];
  failures: string[];
}

/** Runs one example in bash, in a folder of its own, with only `vars` (and PATH) in its environment. */
export async function runExample(code: string, vars: Record<string, string>, workDir: string): Promise<ExampleRun> {
  fs.mkdirSync(workDir, { recursive: true });
  const script = path.join(workDir, 'example.sh');
  fs.writeFileSync(script, `${PRELUDE}\n${code}\n`);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workDir,
    LANG: 'C.UTF-8',
    SB_WORK: workDir,
    SB_HOSTPORT: new URL(vars.APP_URL!).host,
    ...vars,
  };
  const child = spawn('bash', [script], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = (name: string) =>
    fs.existsSync(path.join(workDir, name))
      ? fs.readFileSync(path.join(workDir, name), 'utf8').split('\n').filter(Boolean)
      : [];
  return { exitCode, stdout, stderr, calls: lines('calls'), failures: lines('failures') };
}
