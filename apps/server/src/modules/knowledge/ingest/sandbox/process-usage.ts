import fs from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  /** User and system CPU time since the process started. */
  cpuMs: number;
  rssBytes: number;
}

/**
 * Another process's CPU time and resident memory, read from /proc; null where there is no
 * /proc (then only wall-clock limits apply) or the process is gone.
 */
export function processUsage(pid: number): ProcessUsage | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), starting at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Number.isFinite(ticks) ? { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssBytes: rssKb * 1024 } : null;
  } catch {
    return null;
  }
}
