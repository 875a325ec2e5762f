export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

export interface Probe {
  target: string;
  /** 0 when no answer came (the request failed or timed out). */
  status: number;
  /** From sending the request to having read the whole answer. */
  ms: number;
  /** When it was sent, ms after probing started. */
  at: number;
}

/**
 * Asks each target again and again, `intervalMs` after each answer, until stopped: a frozen
 * server shows as one probe that waited the whole freeze. Each target has its own loop, so a
 * slow one does not hide how the other answers.
 */
export function startProbes(
  targets: Target[],
  intervalMs: number,
  timeoutMs = 120_000,
): { stop(minMs?: number): Promise<Probe[]> } {
  const started = Date.now();
  const probes: Probe[] = [];
  let running = true;
  const loop = async (target: Target) => {
    while (running) {
      const sent = performance.now();
      const at = Date.now() - started;
      let status = 0;
      try {
        const response = await fetch(target.url, {
          headers: target.headers ?? {},
          signal: AbortSignal.timeout(timeoutMs),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        // no answer: status 0, and its wait counts
      }
      probes.push({ target: target.name, status, ms: Math.round(performance.now() - sent), at });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  };
  const loops = Promise.all(targets.map(loop));
  return {
    /** Stops once the probes have run `minMs` in all; resolves with every probe. */
    async stop(minMs = 0) {
      const left = started + minMs - Date.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
      running = false;
      await loops;
      return probes;
    },
  };
}

const at = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

export function latencies(probes: Probe[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = probes.map((p) => p.ms).sort((a, b) => a - b);
  return { p50: at(sorted, 50), p90: at(sorted, 90), p99: at(sorted, 99), max: sorted.at(-1) ?? NaN };
}
