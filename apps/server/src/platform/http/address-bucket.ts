import { isIPv4, isIPv6 } from 'node:net';

/**
 * The bucket a client address counts in for limits on what one party may hold or start. An
 * IPv6 host usually owns a whole /64 (and picks addresses in it at will), so IPv6 addresses
 * count by their /64; IPv4 (including IPv4-mapped IPv6) by the address itself.
 */
export function addressBucket(ip: string): string {
  const bare = ip.split('%')[0]!;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const [head = '', tail] = bare.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
