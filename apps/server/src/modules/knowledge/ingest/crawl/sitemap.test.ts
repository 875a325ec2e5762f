import { describe, expect, it } from 'vitest';
import { parseSitemap, SITEMAP_MAX_CHARS, SITEMAP_MAX_LOCATIONS } from './sitemap';

/**
 * Sitemaps come from any site a workspace points the crawler at: written here as an attacker
 * (or a careless CMS) would write them. The crawl falls back to links when parseSitemap says
 * null, so "no sitemap" is always a safe answer; a wrong list of pages, or a server busy
 * expanding entities, is not.
 */
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const urlset = (body: string, attrs = `xmlns="${NS}"`) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset ${attrs}>${body}</urlset>`;
const url = (loc: string) => `<url><loc>${loc}</loc></url>`;

describe('parseSitemap: hostile documents', () => {
  it('refuses an entity bomb (billion laughs) without expanding anything', () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?><!DOCTYPE urlset [${entities.join('')}]>${urlset(url('https://a.test/&lol9;'))}`;
    const started = performance.now();
    expect(parseSitemap(bomb)).toBeNull();
    // Expanded, lol9 is 10^9 "lol"s: anything near a second means it was expanded.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses external entities (XXE): nothing is read from the file system or the network', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${urlset(url('https://a.test/&xxe;'))}`;
    expect(parseSitemap(xxe)).toBeNull();
    const parameter = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote;]>${urlset(url('https://a.test/a'))}`;
    expect(parseSitemap(parameter)).toBeNull();
  });

  it('refuses an entity it does not know rather than passing "&name;" on as a URL', () => {
    expect(parseSitemap(urlset(url('https://a.test/&unknown;')))).toBeNull();
  });

  it('refuses a document nested deeper than a sitemap can be, without overflowing the stack', () => {
    const depth = 100_000;
    const deep = urlset(`${'<a>'.repeat(depth)}${url('https://a.test/deep')}${'</a>'.repeat(depth)}`);
    expect(parseSitemap(deep)).toBeNull();
  });

  it('refuses a document over the protocol size limit before reading it', () => {
    const huge = urlset(url('https://a.test/first') + ' '.repeat(SITEMAP_MAX_CHARS));
    expect(parseSitemap(huge)).toBeNull();
  });

  it('keeps at most the protocol number of locations', () => {
    const many = urlset(
      Array.from({ length: SITEMAP_MAX_LOCATIONS + 5_000 }, (_, i) => url(`https://a.test/p${i}`)).join(''),
    );
    const parsed = parseSitemap(many);
    expect(parsed?.locations).toHaveLength(SITEMAP_MAX_LOCATIONS);
    expect(parsed?.locations.at(-1)).toBe(`https://a.test/p${SITEMAP_MAX_LOCATIONS - 1}`);
    expect(
      parseSitemap(urlset(url('https://a.test/1') + url('https://a.test/2') + url('https://a.test/3')), 2)?.locations,
    ).toEqual(['https://a.test/1', 'https://a.test/2']);
  });

  it('reads many unterminated CDATA openings in linear time (no backtracking pattern)', () => {
    const doc = urlset(`<url><loc>${'<![CDATA['.repeat(200_000)}`);
    const started = performance.now();
    expect(parseSitemap(doc)).toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses what is not well-formed, and pages that are not sitemaps', () => {
    expect(parseSitemap(urlset('<url><loc>https://a.test/x</url>'))).toBeNull();
    expect(parseSitemap(urlset(url('https://a.test/x'), 'xmlns:s="urn:x"') + '<urlset/>')).toBeNull();
    expect(parseSitemap(`<urlset><s:url><loc>https://a.test/x</loc></s:url></urlset>`)).toBeNull(); // unbound prefix
    expect(parseSitemap('<!DOCTYPE html><html><body><a href="https://a.test/x">x</a></body></html>')).toBeNull();
    expect(
      parseSitemap('<html><body><urlset><url><loc>https://a.test/x</loc></url></urlset></body></html>'),
    ).toBeNull();
    expect(parseSitemap('')).toBeNull();
  });
});

describe('parseSitemap: what real sitemaps contain', () => {
  it('resolves namespace prefixes: an extension’s <image:loc> is not a page', () => {
    const xml = `<s:urlset xmlns:s="${NS}" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <s:url><s:loc>https://a.test/p</s:loc><image:image><image:loc>https://a.test/pic.jpg</image:loc></image:image></s:url>
    </s:urlset>`;
    expect(parseSitemap(xml)).toEqual({ kind: 'urlset', locations: ['https://a.test/p'] });
  });

  it('takes <loc> only where the protocol puts it, in the root’s namespace', () => {
    const xml = urlset(
      `<loc>https://a.test/stray</loc><url><x><loc>https://a.test/nested</loc></x></url>${url('https://a.test/ok')}<url><o:loc xmlns:o="urn:other">https://a.test/other</o:loc></url>`,
    );
    expect(parseSitemap(xml)?.locations).toEqual(['https://a.test/ok']);
  });

  it('reads CDATA, references and the bare ampersands careless sitemaps contain', () => {
    const xml = `\uFEFF\n${urlset(
      [
        url('<![CDATA[https://a.test/c?a=1&b=2]]>'),
        url(' https://a.test/e?a=1&amp;b=2 '),
        url('https://a.test/n?a=1&#38;b=2'),
        url('https://a.test/bare?a=1&b=2&c'),
        url('https://a.test/mixed?<![CDATA[a=1&]]>b=2'),
      ].join('\n'),
    )}`;
    expect(parseSitemap(xml)?.locations).toEqual([
      'https://a.test/c?a=1&b=2',
      'https://a.test/e?a=1&b=2',
      'https://a.test/n?a=1&b=2',
      'https://a.test/bare?a=1&b=2&c',
      'https://a.test/mixed?a=1&b=2',
    ]);
  });

  it('reads a prefixed sitemap index, and a urlset without a namespace', () => {
    const index = `<sm:sitemapindex xmlns:sm="${NS}"><sm:sitemap><sm:loc>https://a.test/s1.xml</sm:loc><sm:lastmod>2024-01-01</sm:lastmod></sm:sitemap></sm:sitemapindex>`;
    expect(parseSitemap(index)).toEqual({ kind: 'index', locations: ['https://a.test/s1.xml'] });
    expect(parseSitemap(`<urlset>${url('https://a.test/plain')}</urlset>`)).toEqual({
      kind: 'urlset',
      locations: ['https://a.test/plain'],
    });
  });

  it('skips an empty or over-long <loc> and keeps the rest', () => {
    const xml = urlset(url('') + url(`https://a.test/${'x'.repeat(3000)}`) + url('https://a.test/kept'));
    expect(parseSitemap(xml)?.locations).toEqual(['https://a.test/kept']);
  });
});
