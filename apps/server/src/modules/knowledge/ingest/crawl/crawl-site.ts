import type { GuardedFetch } from '../../../../platform/egress';
import { decodeHtml } from '../decode';
import { looksLikePage, normaliseUrl, pageLinks } from './links';
import { loadSite, type Site } from './site';

export type CrawlResult = { url: string; html: string; depth: number } | { url: string; error: string };

export interface CrawlOptions {
  /** Pages to return at most (failures not counted). Default 50. */
  maxPages?: number;
  /** Link hops from the start page (sitemap pages count as 0). Default 3. */
  maxDepth?: number;
  /** The egress guard's fetch (or a stand-in with the same contract). */
  fetch: GuardedFetch;
  /** Sent as User-Agent and matched against robots.txt groups. Default "SwitchboardBot". */
  userAgent?: string;
  onPage?: (result: CrawlResult) => void | Promise<void>;
  /** Use sitemap.xml when the site has one. Default true. */
  useSitemap?: boolean;
  /** Pause between requests, in ms; a robots.txt Crawl-delay (up to 10 s) wins if longer. */
  delayMs?: number;
  /** Per-page cap, bytes. Default 5 MiB. */
  maxBytes?: number;
  signal?: AbortSignal;
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const MAX_CRAWL_DELAY_MS = 10_000;

const reasonOf = (error: unknown) => (error as { reason?: unknown } | null)?.reason;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Crawls one site: the pages its sitemap lists when it has one, else the pages reachable by
 * same-origin links (breadth first), skipping what robots.txt disallows for our agent and
 * what is not HTML. A page that fails (a redirect loop, a 404) is reported and the crawl
 * goes on; `maxPages` and `maxDepth` bound it. Every request goes through `fetch`, so the
 * egress guard applies to each page and redirect.
 */
export async function* crawlSite(startUrl: string, options: CrawlOptions): AsyncGenerator<CrawlResult> {
  const maxPages = options.maxPages ?? 50;
  const maxDepth = options.maxDepth ?? 3;
  const userAgent = options.userAgent ?? 'SwitchboardBot';
  const start = normaliseUrl(startUrl);
  const report = async function* (result: CrawlResult) {
    await options.onPage?.(result);
    yield result;
  };
  if (!start) return yield* report({ url: startUrl, error: `"${startUrl}" is not an http(s) URL.` });

  let site: Site;
  try {
    site = await loadSite(new URL(start).origin, { ...options, userAgent, maxPages });
  } catch (error) {
    return yield* report({ url: start, error: messageOf(error) });
  }
  const queue: Array<{ url: string; depth: number }> = [{ url: start, depth: 0 }];
  const seen = new Set([start]);
  const enqueue = (url: string, depth: number) => {
    if (seen.has(url) || seen.size >= maxPages * 20) return;
    seen.add(url);
    queue.push({ url, depth });
  };
  for (const url of site.sitemapPages) enqueue(url, 0);

  let pages = 0;
  let attempts = 0;
  while (queue.length > 0 && pages < maxPages && attempts < maxPages * 3 && !options.signal?.aborted) {
    const { url, depth } = queue.shift()!;
    if (!site.robots.isAllowed(url)) continue;
    if (attempts > 0) await sleep(Math.max(options.delayMs ?? 0, Math.min((site.robots.crawlDelay ?? 0) * 1000, MAX_CRAWL_DELAY_MS)));
    attempts++;
    let response;
    try {
      response = await options.fetch(url, {
        accept: HTML_TYPES,
        headers: { 'user-agent': userAgent },
        maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      // Not a page (an image, a PDF): nothing to report, it is just not crawled.
      if (reasonOf(error) === 'unsupported_type') continue;
      yield* report({ url, error: messageOf(error) });
      continue;
    }
    const finalUrl = normaliseUrl(response.url) ?? url;
    if (finalUrl !== url) {
      if (seen.has(finalUrl) && url !== start) continue;
      seen.add(finalUrl);
      if (new URL(finalUrl).origin !== site.origin) {
        if (url !== start) {
          yield* report({ url, error: `${url} redirects off the site, to ${finalUrl}.` });
          continue;
        }
        // The start page moved (http → https, example.com → www): the site is where it went.
        try {
          site = await loadSite(new URL(finalUrl).origin, { ...options, userAgent, maxPages });
        } catch (error) {
          return yield* report({ url: finalUrl, error: messageOf(error) });
        }
        if (!site.robots.isAllowed(finalUrl)) continue;
        for (const page of site.sitemapPages) enqueue(page, 0);
      }
    }
    const html = decodeHtml(response.body, response.headers['content-type']);
    const { links, noindex, nofollow } = pageLinks(html, finalUrl, userAgent);
    if (!noindex) {
      pages++;
      yield* report({ url: finalUrl, html, depth });
    }
    if (site.sitemapPages.length > 0 || nofollow || depth >= maxDepth) continue;
    for (const link of links) {
      if (new URL(link).origin === site.origin && looksLikePage(link)) enqueue(link, depth + 1);
    }
  }
}
