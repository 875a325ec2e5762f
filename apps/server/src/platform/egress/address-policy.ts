import { cidr, formatIpv4, inCidr, parseCidr, parseIp, type Cidr, type IpAddress } from './ip';

/**
 * Which addresses an outbound fetch may connect to. A user-supplied URL must never reach
 * the server's own network: loopback, private ranges, cloud metadata (169.254.169.254),
 * or any of them wrapped in an IPv6 form.
 */

/** Each range with the words that finish "The address X …". */
const FORBIDDEN_V4: Array<[Cidr, string]> = [
  [cidr('0.0.0.0/8'), 'is in the unspecified "this network" range'],
  [cidr('10.0.0.0/8'), 'is private'],
  [cidr('100.64.0.0/10'), 'is in the shared carrier-grade NAT range'],
  [cidr('127.0.0.0/8'), 'is a loopback address'],
  [cidr('169.254.0.0/16'), 'is link-local (cloud metadata lives there)'],
  [cidr('172.16.0.0/12'), 'is private'],
  [cidr('192.0.0.0/24'), 'is reserved for protocol assignments'],
  [cidr('192.0.2.0/24'), 'is reserved for documentation'],
  [cidr('192.88.99.0/24'), 'is reserved (6to4 relay)'],
  [cidr('192.168.0.0/16'), 'is private'],
  [cidr('198.18.0.0/15'), 'is reserved for benchmarking'],
  [cidr('198.51.100.0/24'), 'is reserved for documentation'],
  [cidr('203.0.113.0/24'), 'is reserved for documentation'],
  [cidr('224.0.0.0/4'), 'is multicast'],
  [cidr('240.0.0.0/4'), 'is reserved'],
];

const GLOBAL_UNICAST_V6 = cidr('2000::/3');
const NAT64 = cidr('64:ff9b::/96');
const SIX_TO_FOUR = cidr('2002::/16');

const MAPPED = cidr('::ffff:0:0/96');
const COMPATIBLE = cidr('::/96');

const NAMED_V6: Array<[Cidr, string]> = [
  [cidr('::/128'), 'is the unspecified address'],
  [cidr('::1/128'), 'is a loopback address'],
  [MAPPED, 'is an IPv4-mapped IPv6 address'],
  [COMPATIBLE, 'is an IPv4-compatible IPv6 address'],
  [cidr('64:ff9b:1::/48'), 'is in the local-use NAT64 range'],
  [cidr('fc00::/7'), 'is private (unique local)'],
  [cidr('fe80::/10'), 'is link-local'],
  [cidr('fec0::/10'), 'is site-local'],
  [cidr('ff00::/8'), 'is multicast'],
  // Inside 2000::/3 but not routable on the internet: Teredo, benchmarking, ORCHID, docs.
  [cidr('2001::/23'), 'is reserved for protocol assignments'],
  [cidr('2001:db8::/32'), 'is reserved for documentation'],
  [cidr('3fff::/20'), 'is reserved for documentation'],
];

function v4Reason(value: bigint): string | null {
  const address: IpAddress = { version: 4, value };
  return FORBIDDEN_V4.find(([range]) => inCidr(address, range))?.[1] ?? null;
}

/** Why the address may not be fetched, or null when it is a public unicast address. */
export function forbiddenReason(address: IpAddress): string | null {
  if (address.version === 4) return v4Reason(address.value);
  const named = NAMED_V6.find(([range]) => inCidr(address, range));
  // Name the IPv4 address a mapped or compatible form hides (::ffff:7f00:1 is 127.0.0.1).
  if (named && (named[0] === MAPPED || named[0] === COMPATIBLE))
    return `${named[1]} (${formatIpv4(address.value & 0xffffffffn)})`;
  if (named) return named[1];
  if (inCidr(address, NAT64)) {
    // NAT64 reaches the IPv4 address in its last 32 bits: only a public one is fine.
    const embedded = address.value & 0xffffffffn;
    const reason = v4Reason(embedded);
    return reason ? `maps ${formatIpv4(embedded)} through NAT64, which ${reason}` : null;
  }
  if (inCidr(address, SIX_TO_FOUR)) {
    const embedded = (address.value >> 80n) & 0xffffffffn;
    const reason = v4Reason(embedded);
    return reason ? `maps ${formatIpv4(embedded)} through 6to4, which ${reason}` : null;
  }
  // Everything outside global unicast is reserved by IANA.
  return inCidr(address, GLOBAL_UNICAST_V6) ? null : 'is reserved';
}

export interface AddressPolicy {
  /** Null when the address may be connected to, else the sentence explaining why not. */
  check(ip: string): string | null;
}

/** Operators' exceptions (an internal docs host) come before the forbidden ranges. */
export function createAddressPolicy(allowCidrs: readonly string[] = []): AddressPolicy {
  const allowed = allowCidrs.map((text) => {
    const parsed = parseCidr(text);
    if (!parsed)
      throw new Error(`Egress allow-list entry "${text}" is not an IP address or CIDR range (like 10.1.2.0/24).`);
    return parsed;
  });
  const isAllowed = (address: IpAddress): boolean => {
    if (allowed.some((range) => inCidr(address, range))) return true;
    // An allowed IPv4 host is equally allowed when a resolver hands it back IPv4-mapped.
    return (
      inCidr(address, MAPPED) &&
      allowed.some((range) => inCidr({ version: 4, value: address.value & 0xffffffffn }, range))
    );
  };
  return {
    check(ip) {
      const address = parseIp(ip);
      if (!address) return `The address ${ip} is not a valid IP address and can't be fetched.`;
      if (isAllowed(address)) return null;
      const reason = forbiddenReason(address);
      return reason ? `The address ${ip} ${reason} and can't be fetched.` : null;
    },
  };
}
