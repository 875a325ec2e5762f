import { rootLogger } from '../../platform/log';
import { systemContext, withTenant } from '../../platform/tenancy';
import { sendAttempt } from './attempt';
import { nextDue, recordAndClaim, type Claim, type ClaimedDelivery } from './claim';
import { mailDisabled, type Outcome } from './outcome';
import { concurrencyPerEndpoint, LEASE_MS, now } from './settings';

/** The longest a lane sleeps before looking again; the minute sweep covers anything later. */
const MAX_SLEEP_MS = 60_000;

interface Leased {
  url: string;
  secrets: string[];
  delivery: ClaimedDelivery;
  /** Past this, another claim may have the delivery: it is not sent from here (see startWaiting). */
  leaseEnds: number;
}

/**
 * Leased deliveries an endpoint may hold, sent `cap` at a time: enough that one transaction
 * records a large batch of outcomes and leases the next, so a fast receiver is not held to the
 * pace of the database's commits. A slow receiver can leave the last of them waiting past their
 * lease: those are dropped unsent (startWaiting) and claimed again, never sent twice from here.
 */
export function leaseWindow(cap: number): number {
  return 16 * cap;
}

/**
 * One endpoint's deliveries in this process: at most `cap` attempts in flight, so a slow or
 * dead receiver fills its own slots and no one else's. It sends what its lane leased for it
 * and keeps the outcomes until the lane writes them.
 */
class EndpointRunner {
  inFlight = 0;
  readonly waiting: Leased[] = [];
  outcomes: Outcome[] = [];
  /** Fresh kicks so far, and the count when a claim last found nothing more due. */
  kicks = 0;
  exhaustedAt = -1;
  readonly settled = new Set<Promise<void>>();

  constructor(
    readonly endpointId: string,
    private readonly lane: TenantLane,
  ) {}

  get idle(): boolean {
    return this.inFlight === 0 && !this.waiting.length && !this.outcomes.length;
  }

  /** What the next write carries for this endpoint, or null when it has nothing to ask. */
  wants(window: number): { outcomes: Outcome[]; room: number; kicks: number } | null {
    const room = this.exhaustedAt === this.kicks ? 0 : window - this.waiting.length - this.inFlight;
    if (!this.outcomes.length && room <= 0) return null;
    const outcomes = this.outcomes;
    this.outcomes = [];
    return { outcomes, room, kicks: this.kicks };
  }

  accept(claim: Claim, room: number, kicks: number): void {
    const leaseEnds = performance.now() + LEASE_MS * 0.8;
    for (const delivery of claim.deliveries)
      this.waiting.push({ url: claim.url, secrets: claim.secrets, delivery, leaseEnds });
    // A kick since the claim began may have brought more: only then is it worth asking again.
    if (claim.deliveries.length < room) this.exhaustedAt = kicks;
    this.startWaiting();
  }

  private startWaiting(): void {
    const cap = concurrencyPerEndpoint();
    while (this.inFlight < cap && this.waiting.length) {
      const next = this.waiting.shift()!;
      // Its lease is (nearly) over: the sweep or another process may claim it now.
      if (performance.now() < next.leaseEnds) this.start(next);
    }
  }

  private start({ url, secrets, delivery }: Leased): void {
    this.inFlight++;
    const run = sendAttempt(url, delivery, secrets, now())
      .then((result) => void this.outcomes.push({ delivery, result }))
      .catch((error) => rootLogger().error({ err: error, deliveryId: delivery.id }, 'webhook attempt failed'))
      .finally(() => {
        this.inFlight--;
        this.settled.delete(run);
        this.startWaiting();
        this.lane.kick();
      });
    this.settled.add(run);
  }
}

/**
 * A workspace's endpoints in this process. Finished attempts' outcomes and the next leases of
 * all its endpoints are written in one transaction, by a single pump at a time: the embedded
 * database has one connection and pays for every commit, so the more answers arrive while it
 * writes, the more the next write carries. Woken after a fan-out commits, when an attempt
 * finishes, by the minute sweep, and by its own timer when a retry falls due.
 */
class TenantLane {
  readonly runners = new Map<string, EndpointRunner>();
  private pumping = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly tenantId: string,
    private readonly onIdle: () => void,
  ) {}

  get idle(): boolean {
    return !this.pumping && [...this.runners.values()].every((r) => r.idle);
  }

  /** A fresh kick for an endpoint: deliveries may have fallen due for it. */
  kickEndpoint(endpointId: string): void {
    let runner = this.runners.get(endpointId);
    if (!runner) this.runners.set(endpointId, (runner = new EndpointRunner(endpointId, this)));
    runner.kicks++;
    this.kick();
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
      .catch(async (error) => {
        rootLogger().error({ err: error, tenantId: this.tenantId }, 'webhook delivery failed');
        // The leases outlast a short database hiccup; the outcomes wait for the next write.
        await new Promise((resolve) => setTimeout(resolve, 1000));
      })
      .finally(() => {
        this.pumping = false;
        if (this.again || [...this.runners.values()].some((r) => r.outcomes.length)) {
          this.again = false;
          this.kick();
        } else if (this.idle) {
          void this.sleep();
        }
      });
  }

  private async pump(): Promise<void> {
    const window = leaseWindow(concurrencyPerEndpoint());
    for (;;) {
      this.again = false;
      const asks = [...this.runners.values()].flatMap((runner) => {
        const wants = runner.wants(window);
        return wants ? [{ runner, ...wants }] : [];
      });
      if (!asks.length) return;
      let claims: Map<string, Claim>;
      try {
        claims = await withTenant(systemContext(this.tenantId, 'webhooks.deliver'), (tx) =>
          recordAndClaim(
            tx,
            asks.map((a) => ({ endpointId: a.runner.endpointId, outcomes: a.outcomes, room: a.room })),
            window,
          ),
        );
      } catch (error) {
        for (const ask of asks) ask.runner.outcomes = ask.outcomes.concat(ask.runner.outcomes);
        throw error;
      }
      const disabled = [...claims.values()].flatMap((c) => c.disabled);
      if (disabled.length)
        void mailDisabled(this.tenantId, disabled).catch((error) =>
          rootLogger().error({ err: error, tenantId: this.tenantId }, 'webhook disable mail failed'),
        );
      for (const ask of asks) ask.runner.accept(claims.get(ask.runner.endpointId)!, ask.room, ask.kicks);
    }
  }

  /** Sleeps until the next retry is due (or the sweep takes over), then looks again. */
  private async sleep(): Promise<void> {
    const due = await nextDue(this.tenantId).catch(() => []);
    if (!this.idle || this.timer) return;
    for (const [id, runner] of this.runners)
      if (runner.idle && !due.some((d) => d.endpointId === id)) this.runners.delete(id);
    const soonest = Math.min(...due.map((d) => d.at.getTime()));
    const wait = Math.max(0, soonest - now().getTime());
    if (!due.length || wait > MAX_SLEEP_MS) return this.onIdle();
    this.timer = setTimeout(() => {
      this.timer = null;
      const at = now().getTime();
      for (const d of due) if (d.at.getTime() <= at) this.kickEndpoint(d.endpointId);
      this.kick();
    }, wait + 5);
    this.timer.unref();
  }

  async drain(): Promise<void> {
    while (!this.idle) {
      await Promise.all([...this.runners.values()].flatMap((r) => [...r.settled]));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const lanes = new Map<string, TenantLane>();

/** Wakes this process's lane for an endpoint's workspace (made on first use, dropped when idle). */
export function kickEndpoint(tenantId: string, endpointId: string): void {
  let lane = lanes.get(tenantId);
  if (!lane) {
    lane = new TenantLane(tenantId, () => {
      if (lanes.get(tenantId) === lane && lane!.idle) {
        lane!.stop();
        lanes.delete(tenantId);
      }
    });
    lanes.set(tenantId, lane);
  }
  lane.kickEndpoint(endpointId);
}

/** Resolves when every lane of this process has nothing in flight (tests, shutdown). */
export async function webhooksSettled(): Promise<void> {
  for (;;) {
    const busy = [...lanes.values()].filter((l) => !l.idle);
    if (!busy.length) return;
    await Promise.all(busy.map((l) => l.drain()));
  }
}

/** Stops every lane's timer (shutdown, tests); in-flight attempts finish on their own. */
export function stopWebhookRunners(): void {
  for (const lane of lanes.values()) lane.stop();
  lanes.clear();
}
