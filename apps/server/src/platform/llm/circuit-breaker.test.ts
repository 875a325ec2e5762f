import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../../../test/support/model-server';
import { chatRequests, collect, targetFor, WIRE_FORMATS } from '../../../test/support/model-server/harness';
import { CircuitBreaker, type CircuitPermit } from './circuit-breaker';
import { circuitState, configureCircuitBreakers, streamChat } from './index';

function permitOf(breaker: CircuitBreaker): CircuitPermit {
  const decision = breaker.tryAcquire();
  if (!decision.allowed) throw new Error('expected the breaker to allow the call');
  return decision.permit;
}

describe('CircuitBreaker', () => {
  let now = 0;
  const make = () => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1_000, probeLeaseMs: 5_000 }, () => now);
  beforeEach(() => {
    now = 0;
  });

  it('opens after N consecutive failures and refuses calls until the cool-down ends', () => {
    const breaker = make();
    permitOf(breaker).failure();
    permitOf(breaker).failure();
    expect(breaker.state).toBe('closed');
    permitOf(breaker).failure();
    expect(breaker.state).toBe('open');
    now = 400;
    expect(breaker.tryAcquire()).toEqual({ allowed: false, retryAfterMs: 600 });
  });

  it('counts only consecutive failures: a success resets the count', () => {
    const breaker = make();
    permitOf(breaker).failure();
    permitOf(breaker).failure();
    permitOf(breaker).success();
    permitOf(breaker).failure();
    permitOf(breaker).failure();
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through when half-open; its success closes the circuit', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) permitOf(breaker).failure();
    now = 1_000;
    expect(breaker.state).toBe('half-open');
    const probe = permitOf(breaker);
    expect(probe.probe).toBe(true);
    expect(breaker.tryAcquire().allowed).toBe(false);
    probe.success();
    expect(breaker.state).toBe('closed');
    expect(permitOf(breaker).probe).toBe(false);
  });

  it('re-opens for a whole cool-down when the probe fails', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) permitOf(breaker).failure();
    now = 1_500;
    permitOf(breaker).failure();
    expect(breaker.state).toBe('open');
    now = 2_400;
    expect(breaker.tryAcquire().allowed).toBe(false);
    now = 2_500;
    expect(breaker.tryAcquire().allowed).toBe(true);
  });

  it('frees the probe slot when the probe ends neutrally or its lease runs out', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) permitOf(breaker).failure();
    now = 1_000;
    permitOf(breaker).release();
    expect(breaker.state).toBe('half-open');
    permitOf(breaker); // a probe that never reports
    expect(breaker.tryAcquire().allowed).toBe(false);
    now = 6_000;
    expect(breaker.tryAcquire().allowed).toBe(true);
  });

  it('settles a permit once: a release after the outcome changes nothing', () => {
    const breaker = make();
    for (let i = 0; i < 3; i += 1) {
      const permit = permitOf(breaker);
      permit.failure();
      permit.release();
    }
    expect(breaker.state).toBe('open');
  });
});

describe.each(WIRE_FORMATS)('circuit breaking in streamChat (%s)', (format) => {
  let server: ModelServer;
  beforeAll(async () => {
    server = await startModelServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    configureCircuitBreakers({ failureThreshold: 2, cooldownMs: 400 });
    server.reset();
  });
  const ask = [{ role: 'user' as const, content: 'hi' }];

  it('opens per provider and key, fails fast (to the fallback), then probes and closes', async () => {
    const target = targetFor(server, format);
    server.enqueue({ status: 500 }, { status: 500 });
    const failing = await collect(streamChat({ target, system: 's', messages: ask }));
    expect(failing.error?.kind).toBe('unavailable');
    expect(circuitState(target)).toBe('open');

    const refused = await collect(streamChat({ target, system: 's', messages: ask }));
    expect(refused.error).toMatchObject({ kind: 'circuit_open', provider: format });
    expect(refused.error?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(chatRequests(server)).toHaveLength(2); // nothing was sent

    const fallback = targetFor(server, format, { keyId: 'another-key' });
    const rescued = await collect(streamChat({ target, fallback, system: 's', messages: ask }));
    expect(rescued.text).toBe('You said: hi');
    expect(rescued.finish?.usedFallback).toBe(true);

    // The same provider with another key has its own circuit.
    expect(circuitState(fallback)).toBe('closed');

    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(circuitState(target)).toBe('half-open');
    server.enqueue({ text: ['probe ', 'answer'], tokenDelayMs: 100 });
    const probe = collect(streamChat({ target, system: 's', messages: ask }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // While the probe runs, other calls are still refused.
    const meanwhile = await collect(streamChat({ target, system: 's', messages: ask }));
    expect(meanwhile.error?.kind).toBe('circuit_open');
    expect((await probe).text).toBe('probe answer');
    expect(circuitState(target)).toBe('closed');
  });

  it('does not count a rejected key or a cancelled call against the provider', async () => {
    const target = targetFor(server, format);
    server.enqueue({ status: 401 }, { status: 401 }, { status: 401 });
    for (let i = 0; i < 3; i += 1) await collect(streamChat({ target, system: 's', messages: ask }));
    await collect(streamChat({ target, system: 's', messages: ask, abortSignal: AbortSignal.abort() }));
    expect(circuitState(target)).toBe('closed');
  });
});
