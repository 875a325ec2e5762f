import dns from 'node:dns';
import net from 'node:net';
import { EgressError } from './errors';
import type { PinnedAddress } from './request';
import type { Target } from './target';

export type Resolver = (host: string) => Promise<string[]>;

/**
 * Every A and AAAA answer, through getaddrinfo like any other client on this machine (so
 * /etc/hosts counts: `localhost` resolves to 127.0.0.1 and ::1 and is refused).
 */
export const systemResolver: Resolver = async (host) => {
  const answers = await dns.promises.lookup(host, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
};

const DNS_NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA']);

/** The addresses a target's host stands for; waits no longer than the fetch's deadline. */
export async function addressesOf(target: Target, resolve: Resolver, signal: AbortSignal): Promise<PinnedAddress[]> {
  if (target.literal) return [{ address: target.host, family: net.isIPv6(target.host) ? 6 : 4 }];
  let answers: string[];
  try {
    answers = await new Promise<string[]>((ok, fail) => {
      if (signal.aborted) return fail(signal.reason);
      const onAbort = () => fail(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      resolve(target.host)
        .then(ok, fail)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const message = DNS_NOT_FOUND.has(code)
      ? `The host ${target.host} could not be found.`
      : `The host ${target.host} could not be resolved (${code || 'DNS error'}).`;
    throw new EgressError('network', target.url.href, message);
  }
  const addresses = answers.map((address) => ({ address, family: net.isIP(address) }));
  if (addresses.length === 0)
    throw new EgressError('network', target.url.href, `The host ${target.host} has no address.`);
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}
