import fs from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux; null elsewhere).
 * The chat rows report it per answer: unlike the latency tail it hardly moves between runs,
 * so it shows what a change to the server's work per answer did.
 */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (USER_HZ, 100 on Linux).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms per answer a process spent while `run` ran, with run's own result. */
export async function cpuPerAnswer<T extends { samples: number[] }>(
  pid: number | undefined,
  run: () => Promise<T>,
): Promise<T & { cpuMsPerAnswer: number | null }> {
  const before = processCpuMs(pid);
  const result = await run();
  const after = processCpuMs(pid);
  const cpuMsPerAnswer =
    before === null || after === null ? null : Math.round(((after - before) / result.samples.length) * 10) / 10;
  return { ...result, cpuMsPerAnswer };
}
