import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCipher, resolveSecretKey, setSecrets } from '../../platform/crypto';
import { identityHash } from './identity';
import { normalizeOriginPattern, normalizeOrigins, originAllowed } from './origins';
import { signVisitorToken, verifyVisitorToken, visitorKeyFor, visitorKeyValid } from './visitor-token';

/** Visitor tokens, visitor keys, origin patterns and the identity HMAC, without a server. */
const claims = {
  t: 'ten_01jq3v0000000000000000000a',
  a: 'agt_01jq3v0000000000000000000a',
  v: 'vis_01jq3v0000000000000000000a',
  c: 'conv_01jq3v000000000000000000a',
  u: false,
};

beforeAll(() => {
  const key = resolveSecretKey('a test secret that is long enough for the key', '/nonexistent');
  setSecrets(key, createCipher(key));
});
afterAll(() => {
  setSecrets(null, null);
  vi.useRealTimers();
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return `${(error as { status?: number }).status} ${(error as { code?: string }).code}`;
  }
};

describe('visitor token', () => {
  it('carries its claims back when untouched', () => {
    const { token, expiresAt } = signVisitorToken(claims);
    expect(token).toMatch(/^sbv1\.[\w-]+\.[\w-]+$/);
    expect(verifyVisitorToken(token)).toMatchObject(claims);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('refuses a token whose claims were changed (another conversation, a verified flag)', () => {
    const { token } = signVisitorToken(claims);
    const [, body, mac] = token.split('.');
    const changed = (patch: object) => {
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), ...patch }),
      ).toString('base64url');
      return `sbv1.${forged}.${mac}`;
    };
    expect(codeOf(() => verifyVisitorToken(changed({ c: 'conv_01jq3v000000000000000000b' })))).toBe(
      '401 invalid_visitor_token',
    );
    expect(codeOf(() => verifyVisitorToken(changed({ u: true })))).toBe('401 invalid_visitor_token');
  });

  it('refuses a token signed with another key, and garbage', () => {
    const { token } = signVisitorToken(claims);
    const otherMac = createHmac('sha256', 'another key').update(token.split('.')[1]!).digest('base64url');
    for (const bad of [
      `sbv1.${token.split('.')[1]}.${otherMac}`,
      'sbv1.e30.',
      'nope',
      `${token}.x`,
      token.replace('sbv1', 'sbv2'),
    ]) {
      expect(
        codeOf(() => verifyVisitorToken(bad)),
        bad,
      ).toBe('401 invalid_visitor_token');
    }
  });

  it('expires', () => {
    const { token } = signVisitorToken(claims, 60);
    vi.useFakeTimers({ now: Date.now() + 61_000 });
    expect(codeOf(() => verifyVisitorToken(token))).toBe('401 visitor_token_expired');
    vi.useRealTimers();
    expect(codeOf(() => verifyVisitorToken(token))).toBe('accepted');
  });
});

describe('visitor key', () => {
  it('proves the visitor id in its own workspace only', () => {
    const key = visitorKeyFor(claims.t, claims.v);
    expect(visitorKeyValid(claims.t, claims.v, key)).toBe(true);
    expect(visitorKeyValid(claims.t, 'vis_01jq3v0000000000000000000b', key)).toBe(false);
    expect(visitorKeyValid('ten_01jq3v0000000000000000000b', claims.v, key)).toBe(false);
    expect(visitorKeyValid(claims.t, claims.v, key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(visitorKeyValid(claims.t, claims.v, '')).toBe(false);
  });
});

describe('allowed origins', () => {
  const app = 'https://support.example.net';

  it('normalizes entries and refuses what is not an origin', () => {
    expect(
      normalizeOrigins([
        'https://Shop.Example.com/',
        'https://shop.example.com',
        'http://localhost:8080',
        'https://a.test:443',
      ]),
    ).toEqual(['https://shop.example.com', 'http://localhost:8080', 'https://a.test']);
    expect(normalizeOriginPattern('https://*.example.com')).toBe('https://*.example.com');
    for (const bad of [
      '*',
      'example.com',
      'https://example.com/path',
      'ftp://example.com',
      'https://*',
      'javascript:alert(1)',
      'https://ex ample.com',
    ]) {
      expect(() => normalizeOriginPattern(bad), bad).toThrow(/not an origin/);
    }
  });

  it('matches exact origins, subdomain wildcards and the installation itself, nothing else', () => {
    const patterns = ['https://shop.example.com', 'https://*.brand.test', 'http://localhost:8080'];
    const allowed = (origin: string) => originAllowed(origin, patterns, app);
    expect(allowed('https://shop.example.com')).toBe(true);
    expect(allowed('https://eu.brand.test')).toBe(true);
    expect(allowed('https://a.b.brand.test')).toBe(true);
    expect(allowed('http://localhost:8080')).toBe(true);
    expect(allowed(app)).toBe(true);
    expect(allowed('https://brand.test')).toBe(false);
    expect(allowed('https://evilbrand.test')).toBe(false);
    expect(allowed('http://eu.brand.test')).toBe(false);
    expect(allowed('https://shop.example.com.evil.test')).toBe(false);
    expect(allowed('http://shop.example.com')).toBe(false);
    expect(allowed('http://localhost:8081')).toBe(false);
    expect(allowed('null')).toBe(false);
    expect(allowed('not a url')).toBe(false);
  });
});

describe('identity hash', () => {
  it('is the hex HMAC-SHA256 of the user id under the secret, as a site computes it', () => {
    expect(identityHash('idv_secret', 'user-42')).toBe(
      createHmac('sha256', 'idv_secret').update('user-42').digest('hex'),
    );
    expect(identityHash('idv_secret', 'user-42')).not.toBe(identityHash('idv_secret', 'user-43'));
  });
});
