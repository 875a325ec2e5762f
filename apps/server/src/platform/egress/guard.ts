import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createAddressPolicy } from './address-policy';
import { EgressError } from './errors';
import { followRedirect, type HopState, type RedirectMode } from './redirects';
import {
  cappedBody,
  isEncoded,
  mediaType,
  openHop,
  readCapped,
  REDIRECT_STATUSES,
  typeAccepted,
  type OpenedHop,
  type PinnedAddress,
} from './request';
import { addressesOf, systemResolver } from './resolve';
import { parseTarget, type Target } from './target';
import type { EgressGuard, EgressGuardOptions, GuardedFetch, GuardedRequest, OutboundOptions } from './types';
import { createWebFetch } from './web-fetch';

export type * from './types';

const DEFAULTS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000, maxRedirects: 5 };

/**
 * Idle pooled sockets are dropped after 4 s: a server closing its own at 5 s (Node's and
 * uvicorn's default) could otherwise close one under a request being sent on it. Only free
 * sockets are affected; a stream that pauses longer is not cut.
 */
const IDLE_MS = 4_000;
const newAgents = () => ({
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_MS }),
});

export function createEgressGuard(options: EgressGuardOptions = {}): EgressGuard {
  const policy = createAddressPolicy(options.allowCidrs);
  const resolve = options.resolve ?? systemResolver;
  // Per guard and per trust: a pooled tenant socket was opened to an address this policy checked.
  const pools = { tenant: newAgents(), operator: newAgents() };

  /** Resolves and checks one hop: every address must pass, or the hop is refused. */
  async function checkedAddresses(target: Target, signal: AbortSignal): Promise<PinnedAddress[]> {
    const literalProblem = target.literal ? policy.check(target.host) : null;
    if (literalProblem) throw new EgressError('forbidden_address', target.url.href, literalProblem);
    const addresses = await addressesOf(target, resolve, signal);
    for (const { address } of addresses) {
      const problem = policy.check(address);
      if (problem) {
        const message = target.literal ? problem : `${target.host} resolves to a forbidden address. ${problem}`;
        throw new EgressError('forbidden_address', target.url.href, message);
      }
    }
    return addresses;
  }

  /** Every hop: checked (unless the operator's), opened, its redirect judged by the rules. */
  async function open(
    rawUrl: string,
    o: OutboundOptions & { redirect: RedirectMode; keepAlive: boolean },
    signal: AbortSignal,
  ) {
    const trust = o.trust ?? 'tenant';
    let target = parseTarget(rawUrl);
    const state: HopState = {
      method: (o.method ?? 'GET').toUpperCase(),
      body: o.body === undefined ? undefined : Buffer.from(o.body),
      headers: {},
    };
    for (const [name, value] of Object.entries(o.headers ?? {})) state.headers[name.toLowerCase()] = value;
    const rules = {
      mode: o.redirect,
      maxRedirects: o.maxRedirects ?? DEFAULTS.maxRedirects,
      start: rawUrl,
      visited: new Set([target.url.href]),
    };
    const redirects: string[] = [];
    for (;;) {
      const pinned = trust === 'operator' ? null : await checkedAddresses(target, signal);
      const headers = {
        ...state.headers,
        ...(state.body !== undefined && { 'content-length': String(state.body.length) }),
      };
      const agent = o.keepAlive ? pools[trust][target.url.protocol as 'http:' | 'https:'] : false;
      const hop: OpenedHop = await openHop(target, {
        method: state.method,
        headers,
        body: state.body,
        signal,
        pinned,
        agent,
      });
      const location = REDIRECT_STATUSES.has(hop.status) ? hop.headers.location : undefined;
      if (location === undefined) return { target, hop, redirects };
      hop.res.destroy();
      target = followRedirect(target, hop.status, location, state, rules);
      redirects.push(target.url.href);
    }
  }

  /**
   * Runs `work` under the deadline and the caller's signal. `keep` leaves both armed on a body
   * still streaming, until it closes. Fails as the caller's signal says when it aborted.
   */
  async function bounded<T>(
    o: OutboundOptions,
    where: () => string,
    work: (signal: AbortSignal, keep: (body: Readable) => void) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = o.timeoutMs ?? DEFAULTS.timeoutMs;
    const timeout = () => new EgressError('timeout', where(), `${where()} did not answer within ${timeoutMs} ms.`);
    const controller = new AbortController();
    let timedOut = false;
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(timeout());
        }, timeoutMs)
      : undefined;
    const onCallerAbort = () => controller.abort(o.signal?.reason);
    if (o.signal?.aborted) onCallerAbort();
    o.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const release = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onCallerAbort);
    };
    let kept = false;
    try {
      return await work(controller.signal, (body) => {
        kept = true;
        body.once('close', release);
      });
    } catch (error) {
      if (timedOut) throw timeout();
      if (o.signal?.aborted) throw o.signal.reason;
      throw error;
    } finally {
      if (!kept) release();
    }
  }

  const request: GuardedRequest = (rawUrl, o = {}) => {
    let current = rawUrl;
    return bounded(
      o,
      () => current,
      async (signal, keep) => {
        const { target, hop } = await open(
          rawUrl,
          { ...o, redirect: o.redirect ?? 'error', keepAlive: o.keepAlive ?? false },
          signal,
        );
        current = target.url.href;
        const decoded = isEncoded(hop.res);
        const body = cappedBody(hop.res, current, o.maxBytes ?? DEFAULTS.maxBytes);
        keep(body);
        const headers = { ...hop.headers };
        if (decoded) delete headers['content-encoding'];
        if (decoded) delete headers['content-length'];
        return { url: current, status: hop.status, statusText: hop.statusText, headers, body };
      },
    );
  };

  const guardedFetch: GuardedFetch = (rawUrl, o = {}) => {
    let current = rawUrl;
    const accept = o.accept;
    const method = (o.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {
      'user-agent': 'SwitchboardBot/1.0',
      'accept-encoding': 'gzip, deflate, br',
      ...(accept && { accept: accept.join(', ') }),
    };
    for (const [name, value] of Object.entries(o.headers ?? {})) headers[name.toLowerCase()] = value;
    return bounded(
      o,
      () => current,
      async (signal) => {
        try {
          const { target, hop, redirects } = await open(
            rawUrl,
            { ...o, headers, redirect: o.redirect ?? 'follow', keepAlive: o.keepAlive ?? false },
            signal,
          );
          const url = (current = target.url.href);
          const type = mediaType(hop.headers['content-type']);
          if (hop.status >= 400 && (o.throwHttpErrors ?? true)) {
            hop.res.destroy();
            throw new EgressError('http_error', url, `${url} answered with HTTP ${hop.status}.`, hop.status);
          }
          if (accept && hop.status < 300 && !typeAccepted(type, accept)) {
            hop.res.destroy();
            throw new EgressError(
              'unsupported_type',
              url,
              `${url} is ${type || 'of no declared type'}, which is not one of: ${accept.join(', ')}.`,
            );
          }
          const body =
            method === 'HEAD'
              ? (hop.res.resume(), Buffer.alloc(0))
              : await readCapped(hop.res, url, o.maxBytes ?? DEFAULTS.maxBytes);
          return { url, status: hop.status, headers: hop.headers, body, contentType: type, redirects };
        } catch (error) {
          if (error instanceof EgressError || signal.aborted) throw error;
          // Buffered callers get every failure as an EgressError with a sentence to show.
          const code = (error as NodeJS.ErrnoException).code;
          const detail = code ?? (error instanceof Error ? error.message : String(error));
          throw new EgressError('network', current, `${current} could not be reached (${detail}).`);
        }
      },
    );
  };

  async function check(rawUrl: string, signal: AbortSignal = new AbortController().signal): Promise<void> {
    await checkedAddresses(parseTarget(rawUrl), signal);
  }

  return { fetch: guardedFetch, request, webFetch: (defaults = {}) => createWebFetch(request, defaults), check };
}
