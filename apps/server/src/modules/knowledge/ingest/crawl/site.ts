import type { GuardedFetch, GuardedResponse } from '../../../../platform/egress';
import { normaliseUrl } from './links';
import { ALLOW_ALL, parseRobots, type Robots } from './robots';
import { parseSitemap, sitemapText } from './sitemap';

export interface Site {
  origin: string;
  robots: Robots;
  /** Same-origin pages listed by the sitemap(s); empty when there is none. */
  sitemapPages: string[];
}

interface SiteOptions {
  fetch: GuardedFetch;
  userAgent: string;
  maxPages: number;
  useSitemap?: boolean;
  signal?: AbortSignal;
}

const ROBOTS_MAX_BYTES = 512 * 1024;
const SITEMAP_MAX_BYTES = 10 * 1024 * 1024;
const MAX_SITEMAPS = 20;

const reasonOf = (error: unknown) => (error as { reason?: unknown } | null)?.reason;

async function get(url: string, maxBytes: number, options: SiteOptions): Promise<GuardedResponse> {
  return options.fetch(url, {
    maxBytes,
    throwHttpErrors: false,
    headers: { 'user-agent': options.userAgent },
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/**
 * robots.txt per RFC 9309: missing (4xx, or redirects that go nowhere) allows everything;
 * unreachable (5xx, network) means no crawling for now. A refused address is refused.
 */
async function loadRobots(origin: string, options: SiteOptions): Promise<Robots> {
  let response: GuardedResponse;
  try {
    response = await get(`${origin}/robots.txt`, ROBOTS_MAX_BYTES, options);
  } catch (error) {
    const reason = reasonOf(error);
    if (reason === 'redirect_loop' || reason === 'too_many_redirects' || reason === 'too_large') return ALLOW_ALL;
    if (reason === 'forbidden_address' || reason === 'bad_url' || reason === 'unsupported_scheme') throw error;
    throw new Error(
      `The site's robots.txt could not be read (${error instanceof Error ? error.message : String(error)}); it is not crawled until it can be.`,
    );
  }
  if (response.status >= 500) {
    throw new Error(`The site's robots.txt answered HTTP ${response.status}; it is not crawled until it can be read.`);
  }
  if (response.status >= 400 || response.status < 200) return ALLOW_ALL;
  return parseRobots(response.body.toString('utf8'), options.userAgent);
}

async function readSitemap(url: string, options: SiteOptions) {
  try {
    const response = await get(url, SITEMAP_MAX_BYTES, options);
    if (response.status !== 200) return null;
    const text = sitemapText(response.body, SITEMAP_MAX_BYTES * 5);
    return text === null ? null : parseSitemap(text);
  } catch {
    // A broken sitemap is no sitemap: the crawl follows links instead.
    return null;
  }
}

/** Pages from the sitemaps robots.txt names, else /sitemap.xml; indexes followed one level. */
async function loadSitemapPages(origin: string, robots: Robots, options: SiteOptions): Promise<string[]> {
  const sameOrigin = (url: string | null): url is string => url !== null && new URL(url).origin === origin;
  const listed = robots.sitemaps.map((u) => normaliseUrl(u, origin)).filter(sameOrigin);
  const pending = listed.length > 0 ? listed : [`${origin}/sitemap.xml`];
  const pages = new Set<string>();
  const visited = new Set<string>();
  const cap = options.maxPages * 5;
  while (pending.length > 0 && visited.size < MAX_SITEMAPS && pages.size < cap) {
    const url = pending.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    const sitemap = await readSitemap(url, options);
    if (!sitemap) continue;
    const locations = sitemap.locations.map((loc) => normaliseUrl(loc, url)).filter(sameOrigin);
    if (sitemap.kind === 'index') {
      // Only an index the crawl started from is followed, so indexes cannot nest endlessly.
      if (listed.includes(url) || url === `${origin}/sitemap.xml`) pending.push(...locations);
    } else {
      for (const page of locations) if (pages.size < cap) pages.add(page);
    }
  }
  return [...pages];
}

export async function loadSite(origin: string, options: SiteOptions): Promise<Site> {
  const robots = await loadRobots(origin, options);
  const sitemapPages = options.useSitemap === false ? [] : await loadSitemapPages(origin, robots, options);
  return { origin, robots, sitemapPages };
}
