import http from 'node:http';
import { processCpuMs } from '../chat/cpu';

export interface Target {
  name: string;
  path: string;
}

export interface OpenLoopResult {
  /** Latency per target name, ms, measured from each request's scheduled start. */
  byTarget: Map<string, number[]>;
  all: number[];
  errors: number;
  /** Failed answers by target and status, e.g. `inbox 403`. */
  failures: Map<string, number>;
  /** Server CPU (user + system) per request, ms; null where /proc is not readable. */
  cpuMsPerRequest: number | null;
}

/**
 * Sends requests at a fixed arrival rate whatever the answers' speed (open loop): a slow
 * answer does not delay the next request, and latency counts from when the request was due,
 * so a server falling behind shows in the tail instead of slowing the load (no coordinated
 * omission). Targets take turns.
 */
export async function openLoop(options: {
  baseUrl: string;
  headers: Record<string, string>;
  targets: Target[];
  ratePerSecond: number;
  seconds: number;
  serverPid: number | undefined;
}): Promise<OpenLoopResult> {
  const { baseUrl, headers, targets, ratePerSecond, seconds } = options;
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const byTarget = new Map(targets.map((t) => [t.name, [] as number[]]));
  const all: number[] = [];
  let errors = 0;
  const failures = new Map<string, number>();
  const fail = (key: string) => {
    errors++;
    failures.set(key, (failures.get(key) ?? 0) + 1);
  };
  const total = Math.round(ratePerSecond * seconds);
  const cpuBefore = processCpuMs(options.serverPid);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];

  const send = (target: Target, due: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: target.path, method: 'GET', headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ms = performance.now() - due;
            if ((res.statusCode ?? 500) >= 400) fail(`${target.name} ${res.statusCode}`);
            byTarget.get(target.name)!.push(ms);
            all.push(ms);
            resolve();
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        fail(`${target.name} ${error.code ?? 'error'}`);
        resolve();
      });
      req.end();
    });

  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(targets[i % targets.length]!, due));
  }
  await Promise.all(inFlight);
  const cpuAfter = processCpuMs(options.serverPid);
  agent.destroy();
  const cpuMsPerRequest =
    cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / total) * 100) / 100;
  return { byTarget, all, errors, failures, cpuMsPerRequest };
}
