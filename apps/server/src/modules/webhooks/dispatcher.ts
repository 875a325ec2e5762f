import { rootLogger } from '../../platform/log';
import { sendAttempt } from './attempt';
import { claimDue, nextDue, type ClaimedDelivery } from './claim';
import { recordOutcome } from './outcome';
import { concurrencyPerEndpoint, now } from './settings';

/** The longest a runner sleeps before looking again; the minute sweep covers anything later. */
const MAX_SLEEP_MS = 60_000;

/**
 * Delivers one endpoint's due deliveries from this process, at most `cap` at a time: each
 * endpoint has its own runner, so a slow or dead receiver fills its own slots and no one
 * else's. Runners are woken after a fan-out commits, by the minute sweep, and by their own
 * timer when a retry falls due.
 */
class EndpointRunner {
  private inFlight = 0;
  private pumping = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly settled = new Set<Promise<void>>();

  constructor(
    readonly tenantId: string,
    readonly endpointId: string,
    private readonly onIdle: () => void,
  ) {}

  get idle(): boolean {
    return !this.pumping && this.inFlight === 0;
  }

  kick(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pumping = true;
    void this.pump()
      .catch((error) => rootLogger().error({ err: error, endpointId: this.endpointId }, 'webhook delivery failed'))
      .finally(() => {
        this.pumping = false;
        if (this.again) {
          this.again = false;
          this.kick();
        } else if (this.inFlight === 0) {
          void this.sleep();
        }
      });
  }

  private async pump(): Promise<void> {
    const cap = concurrencyPerEndpoint();
    for (;;) {
      const room = cap - this.inFlight;
      if (room <= 0) return;
      const claim = await claimDue(this.tenantId, this.endpointId, room, cap);
      if (!claim?.deliveries.length) return;
      for (const delivery of claim.deliveries) this.start(claim.url, claim.secrets, delivery);
    }
  }

  private start(url: string, secrets: string[], delivery: ClaimedDelivery): void {
    this.inFlight++;
    const run = sendAttempt(url, delivery, secrets, now())
      .then((result) => recordOutcome(this.tenantId, this.endpointId, delivery, result))
      .catch((error) => rootLogger().error({ err: error, deliveryId: delivery.id }, 'webhook attempt not recorded'))
      .finally(() => {
        this.inFlight--;
        this.settled.delete(run);
        this.kick();
      });
    this.settled.add(run);
  }

  /** Sleeps until the next retry is due (or the sweep takes over), then looks again. */
  private async sleep(): Promise<void> {
    const due = await nextDue(this.tenantId, this.endpointId).catch(() => null);
    if (!this.idle || this.timer) return;
    if (!due) return this.onIdle();
    const wait = Math.max(0, due.getTime() - now().getTime());
    if (wait > MAX_SLEEP_MS) return this.onIdle();
    this.timer = setTimeout(() => this.kick(), wait + 5);
    this.timer.unref();
  }

  async drain(): Promise<void> {
    while (this.pumping || this.settled.size) {
      await Promise.all([...this.settled]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const runners = new Map<string, EndpointRunner>();

/** Wakes this process's runner for an endpoint (made on first use, dropped when idle). */
export function kickEndpoint(tenantId: string, endpointId: string): void {
  const key = `${tenantId}/${endpointId}`;
  let runner = runners.get(key);
  if (!runner) {
    runner = new EndpointRunner(tenantId, endpointId, () => {
      if (runners.get(key) === runner && runner!.idle) {
        runner!.stop();
        runners.delete(key);
      }
    });
    runners.set(key, runner);
  }
  runner.kick();
}

/** Resolves when every runner of this process has nothing in flight (tests, shutdown). */
export async function webhooksSettled(): Promise<void> {
  for (;;) {
    const busy = [...runners.values()].filter((r) => !r.idle);
    if (!busy.length) return;
    await Promise.all(busy.map((r) => r.drain()));
  }
}

/** Stops every runner's timer (shutdown, tests); in-flight attempts finish on their own. */
export function stopWebhookRunners(): void {
  for (const runner of runners.values()) runner.stop();
  runners.clear();
}
