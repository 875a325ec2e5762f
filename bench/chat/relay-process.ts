import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const RELAY = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), 'chat', 'relay.mjs');

export interface RelayProcess {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** bench/chat/relay.mjs in its own process, as Switchboard runs in its own. */
export async function startRelay(modelBaseURL: string): Promise<RelayProcess> {
  const child = spawn(process.execPath, [RELAY, modelBaseURL], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bench relay exited (${code}):\n${output}`)));
  });
  return { url, process: child, stop };
}
