import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy';
import { parseIpv6 } from './ip';

describe('parseIpv6', () => {
  it('reads compressed, full and dotted-tail forms to the same number', () => {
    const mapped = parseIpv6('::ffff:127.0.0.1');
    expect(mapped).toBe(parseIpv6('::ffff:7f00:1'));
    expect(mapped).toBe(parseIpv6('0:0:0:0:0:ffff:7f00:0001'));
    expect(mapped).toBe(0xffff7f000001n);
    expect(parseIpv6('[::1]')).toBe(1n);
    expect(parseIpv6('2001:db8::')).toBe(0x20010db8n << 96n);
  });

  it('rejects malformed text and zone ids', () => {
    for (const text of ['1::2::3', '12345::', 'fe80::1%eth0', '::ffff:300.0.0.1', '1:2:3:4:5:6:7:8:9', 'abc', '']) {
      expect(parseIpv6(text)).toBeNull();
    }
  });
});

describe('address policy', () => {
  const policy = createAddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::10.0.0.1', 'NAT64'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['fe80::1%eth0', 'not a valid IP address'],
  ])('refuses %s (%s)', (ip, words) => {
    const problem = policy.check(ip);
    expect(problem).toContain(`The address ${ip} `);
    expect(problem).toContain(words);
    expect(problem).toMatch(/can't be fetched\.$/);
  });

  it('says a private address is private, in plain words', () => {
    expect(policy.check('10.0.0.5')).toBe("The address 10.0.0.5 is private and can't be fetched.");
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('allows the public address %s', (ip) => {
    expect(policy.check(ip)).toBeNull();
  });

  it('lets an allow-list open a private range, and only that range', () => {
    const internal = createAddressPolicy(['10.1.2.0/24', '127.0.0.2']);
    expect(internal.check('10.1.2.77')).toBeNull();
    expect(internal.check('127.0.0.2')).toBeNull();
    expect(internal.check('::ffff:127.0.0.2')).toBeNull();
    expect(internal.check('10.1.3.1')).toContain('private');
    expect(internal.check('127.0.0.1')).toContain('loopback');
  });

  it('refuses an allow-list entry that is not a range, naming it', () => {
    expect(() => createAddressPolicy(['10.0.0.0/33'])).toThrow(/"10\.0\.0\.0\/33" is not an IP address or CIDR range/);
    expect(() => createAddressPolicy(['intranet'])).toThrow(/"intranet"/);
  });
});
