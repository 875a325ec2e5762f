import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SERVER_ROOT } from '../../src/platform/paths';
import { startChild, type Child } from './child';
import { TestClient } from './client';
import type { TestRuntime } from './runtime';

const BIN = path.join(SERVER_ROOT, 'bin', 'switchboard.mjs');

export interface ServerProcess {
  url: string;
  child: Child;
  /** A client of this server: cookies like a browser, this server's Origin. */
  client(bearer?: string): TestClient;
  stop(): Promise<void>;
}

/** `switchboard start` as its own process (the server bundle is rebuilt first when stale). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sb-server-'));
  const child = startChild(
    BIN,
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      EMBEDDING_MODEL: 'none',
      ...env,
      DATA_DIR: dataDir,
    },
    ['start'],
  );
  const line = await child.waitFor(/Switchboard is running: open (\S+)/, 90_000);
  const url = /open (\S+)/.exec(line)![1]!;
  // TestClient needs only the address and the origin the server trusts.
  const handle = { url, runtime: { config: { appUrl: url } } } as unknown as TestRuntime;
  return {
    url,
    child,
    client: (bearer) => new TestClient(handle, bearer),
    async stop() {
      if (child.process.exitCode === null) {
        child.process.kill('SIGTERM');
        await child.exited;
      }
    },
  };
}

/** The same person on another server: the session (stored in the shared database) travels in the cookie. */
export function sameSession(from: TestClient, to: ServerProcess): TestClient {
  const client = to.client();
  for (const [name, value] of from.cookies) client.cookies.set(name, value);
  client.workspaceId = from.workspaceId;
  return client;
}
