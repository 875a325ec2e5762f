import { afterEach, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../../../../test/support/fixtures/http-server';
import { startSite, type SiteOptions } from '../../../../../test/support/fixtures/site-server';
import { createEgressGuard } from '../../../../platform/egress';
import { crawlSite, type CrawlOptions, type CrawlResult } from './crawl-site';

const guard = createEgressGuard({ allowCidrs: ['127.0.0.2/32'] });
const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function crawl(siteOptions: SiteOptions, options: Partial<CrawlOptions> = {}) {
  const site = await startSite(siteOptions);
  servers.push(site);
  const results: CrawlResult[] = [];
  const reported: CrawlResult[] = [];
  for await (const result of crawlSite(`${site.origin}/`, {
    fetch: guard.fetch,
    onPage: (r) => void reported.push(r),
    ...options,
  })) {
    results.push(result);
  }
  expect(reported).toEqual(results);
  const path = (url: string) => url.slice(site.origin.length);
  return {
    site,
    pages: results.flatMap((r) => ('html' in r ? [{ path: path(r.url), depth: r.depth, html: r.html }] : [])),
    errors: results.flatMap((r) => ('error' in r ? [{ path: path(r.url), error: r.error }] : [])),
    requested: site.requests.map((r) => r.path),
  };
}

describe('crawlSite', () => {
  it('uses the sitemap (through its index), honours robots.txt and survives a redirect loop', async () => {
    const { pages, errors, requested } = await crawl({ sitemap: true });
    expect(requested.slice(0, 3)).toEqual(['/robots.txt', '/sitemap.xml', '/sitemap-pages.xml']);
    expect(pages.map((p) => p.path)).toEqual([
      '/',
      '/docs/getting-started',
      '/docs/billing',
      '/docs/faq',
      '/docs/billing?x=1&y=2',
    ]);
    expect(pages[1]?.html).toContain('<h1>Getting started</h1>');
    // Robots: listed in the sitemap, but never requested.
    expect(requested).not.toContain('/private/secret');
    // Sitemap mode does not follow links: /docs/advanced is only linked.
    expect(requested).not.toContain('/docs/advanced');
    expect(errors).toEqual([{ path: '/loop', error: expect.stringContaining('redirects in a loop') }]);
  });

  it('follows same-site links without a sitemap, within the depth limit', async () => {
    const { pages, errors, requested } = await crawl({ sitemap: false }, { maxDepth: 2 });
    expect(pages.map((p) => [p.path, p.depth])).toEqual([
      ['/', 0],
      ['/docs/getting-started', 1],
      ['/docs/billing', 1],
      ['/about', 1],
      ['/docs/advanced', 2],
    ]);
    expect(errors.map((e) => e.path)).toEqual(['/loop']);
    // Depth 3 is past the limit; robots, non-HTML by extension and noindex pages are not kept.
    for (const path of ['/docs/deep', '/private/secret', '/file.pdf', '/docs/from-hidden'])
      expect(requested).not.toContain(path);
    expect(requested).toContain('/docs/hidden');
    // Without an extension, a non-HTML link is fetched, then left out for its Content-Type.
    expect(requested).toContain('/download');
    // Each page once, fragments removed (/about#team).
    expect(requested.filter((p) => p === '/about')).toHaveLength(1);
  });

  it('stops at the page limit', async () => {
    const { pages, requested } = await crawl({ sitemap: false }, { maxPages: 2 });
    expect(pages.map((p) => p.path)).toEqual(['/', '/docs/getting-started']);
    expect(requested).not.toContain('/docs/billing');
  });

  it('does not crawl a site whose robots.txt is unreachable (5xx)', async () => {
    const { pages, errors, requested } = await crawl({ robotsStatus: 503 });
    expect(pages).toEqual([]);
    expect(errors).toEqual([
      { path: '/', error: "The site's robots.txt answered HTTP 503; it is not crawled until it can be read." },
    ]);
    expect(requested).toEqual(['/robots.txt']);
  });

  it('crawls everything when robots.txt is missing (4xx)', async () => {
    const { pages } = await crawl({ robotsStatus: 404, sitemap: false }, { maxDepth: 1 });
    expect(pages.map((p) => p.path)).toContain('/private/secret');
  });

  it('reports a start URL the egress guard refuses', async () => {
    const results: CrawlResult[] = [];
    for await (const r of crawlSite('http://127.0.0.1:9/', { fetch: guard.fetch })) results.push(r);
    expect(results).toEqual([
      { url: 'http://127.0.0.1:9/', error: expect.stringContaining('The address 127.0.0.1 is a loopback address') },
    ]);
  });
});
