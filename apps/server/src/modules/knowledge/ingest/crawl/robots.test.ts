import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { normaliseUrl } from './links';
import { parseRobots } from './robots';
import { parseSitemap, sitemapText } from './sitemap';

const site = 'https://docs.acme.test';
const allowed = (robots: ReturnType<typeof parseRobots>, path: string) => robots.isAllowed(`${site}${path}`);

describe('parseRobots', () => {
  const text = [
    '# comments are ignored',
    'User-agent: *',
    'Disallow: /',
    '',
    'User-agent: OtherBot',
    'User-agent: SwitchboardBot',
    'Disallow: /private/',
    'Allow: /private/press',
    'Disallow: /*.pdf$',
    'Disallow: /search?',
    'Allow: /tmp/',
    'Disallow: /tmp/',
    'Crawl-delay: 2',
    '',
    'Sitemap: https://docs.acme.test/sitemap.xml',
  ].join('\n');
  const robots = parseRobots(text, 'SwitchboardBot/1.0');

  it('uses the group naming our product token, not *', () => {
    expect(allowed(robots, '/guide')).toBe(true);
    expect(allowed(parseRobots(text, 'SomeoneElse'), '/guide')).toBe(false);
  });

  it('applies the longest matching rule, Allow winning a tie', () => {
    expect(allowed(robots, '/private/keys')).toBe(false);
    expect(allowed(robots, '/private/press/release-1')).toBe(true);
    expect(allowed(robots, '/tmp/file')).toBe(true);
  });

  it('understands * and the $ end anchor', () => {
    expect(allowed(robots, '/files/manual.pdf')).toBe(false);
    expect(allowed(robots, '/files/manual.pdf?download=1')).toBe(true);
    expect(allowed(robots, '/search?q=refund')).toBe(false);
    expect(allowed(robots, '/search')).toBe(true);
  });

  it('reads sitemaps and the crawl delay, and always allows /robots.txt', () => {
    expect(robots.sitemaps).toEqual(['https://docs.acme.test/sitemap.xml']);
    expect(robots.crawlDelay).toBe(2);
    expect(allowed(parseRobots('User-agent: *\nDisallow: /', 'SwitchboardBot'), '/robots.txt')).toBe(true);
  });

  it('treats an empty Disallow as allowing everything', () => {
    expect(allowed(parseRobots('User-agent: *\nDisallow:', 'SwitchboardBot'), '/anything')).toBe(true);
  });
});

describe('sitemaps', () => {
  it('reads a urlset with entities and CDATA', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://a.test/x?a=1&amp;b=2 </loc><lastmod>2024-01-01</lastmod></url>
      <url><loc><![CDATA[https://a.test/y]]></loc></url></urlset>`;
    expect(parseSitemap(xml)).toEqual({ kind: 'urlset', locations: ['https://a.test/x?a=1&b=2', 'https://a.test/y'] });
  });

  it('reads a sitemap index, gzipped or not, and refuses what is not a sitemap', () => {
    const xml = '<sitemapindex><sitemap><loc>https://a.test/s1.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(sitemapText(zlib.gzipSync(xml), 1e6)!)).toEqual({
      kind: 'index',
      locations: ['https://a.test/s1.xml'],
    });
    expect(parseSitemap('<html><body>Not found</body></html>')).toBeNull();
  });
});

describe('normaliseUrl', () => {
  it('gives one spelling per page', () => {
    expect(normaliseUrl('HTTPS://Docs.Acme.TEST:443/a/../guide#install')).toBe('https://docs.acme.test/guide');
    expect(normaliseUrl('/b?x=1#top', 'http://acme.test/a/')).toBe('http://acme.test/b?x=1');
    expect(normaliseUrl('mailto:help@acme.test')).toBeNull();
    expect(normaliseUrl('javascript:alert(1)', 'http://acme.test/')).toBeNull();
  });
});
