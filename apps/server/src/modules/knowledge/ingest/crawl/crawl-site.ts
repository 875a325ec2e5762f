import type { GuardedFetch } from '../../../../platform/egress';
import { decodeHtml } from '../decode';
import { IngestError } from '../errors';
import { looksLikePage, normaliseUrl, pageLinks, type PageLinks } from './links';
import { loadSite, type Site } from './site';

export type CrawlResult<T = undefined> =
  { url: string; html: string; depth: number; page: T } | { url: string; error: string };

/**
 * Reads a fetched page for the crawler (its links and robots directives) and for the
 * caller (`page`): lets the caller do the parsing somewhere other than its event loop.
 * Throwing an IngestError reports the page as failed and the crawl goes on; anything else
 * stops the crawl.
 */
export type PageReader<T> = (input: {
  body: Uint8Array;
  contentType: string | undefined;
  url: string;
  userAgent: string;
}) => Promise<PageLinks & { page: T }>;

export interface CrawlOptions<T = undefined> {
  /** Pages to return at most (failures not counted). Default 50. */
  maxPages?: number;
  /** Link hops from the start page (sitemap pages count as 0). Default 3. */
  maxDepth?: number;
  /** The egress guard's fetch (or a stand-in with the same contract). */
  fetch: GuardedFetch;
  /** Sent as User-Agent and matched against robots.txt groups. Default "SwitchboardBot". */
  userAgent?: string;
  onPage?: (result: CrawlResult<T>) => void | Promise<void>;
  /** Parses each page (default: here, with `page` undefined and the decoded `html` kept). */
  readPage?: PageReader<T>;
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
export async function* crawlSite<T = undefined>(
  startUrl: string,
  options: CrawlOptions<T>,
): AsyncGenerator<CrawlResult<T>> {
  const maxPages = options.maxPages ?? 50;
  const maxDepth = options.maxDepth ?? 3;
  const userAgent = options.userAgent ?? 'SwitchboardBot';
  const start = normaliseUrl(startUrl);
  const report = async function* (result: CrawlResult<T>) {
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
    if (attempts > 0)
      await sleep(Math.max(options.delayMs ?? 0, Math.min((site.robots.crawlDelay ?? 0) * 1000, MAX_CRAWL_DELAY_MS)));
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
    let read: PageLinks & { page: T; html: string };
    try {
      read = await readWith(options.readPage, {
        body: response.body,
        contentType: response.headers['content-type'],
        url: finalUrl,
        userAgent,
      });
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      yield* report({ url: finalUrl, error: `${finalUrl}: ${error.message}` });
      continue;
    }
    const { links, noindex, nofollow } = read;
    if (!noindex) {
      pages++;
      yield* report({ url: finalUrl, html: read.html, depth, page: read.page });
    }
    if (site.sitemapPages.length > 0 || nofollow || depth >= maxDepth) continue;
    for (const link of links) {
      if (new URL(link).origin === site.origin && looksLikePage(link)) enqueue(link, depth + 1);
    }
  }
}

async function readWith<T>(
  reader: PageReader<T> | undefined,
  input: Parameters<PageReader<T>>[0],
): Promise<PageLinks & { page: T; html: string }> {
  if (reader) return { ...(await reader(input)), html: '' };
  const html = decodeHtml(input.body, input.contentType);
  return { ...pageLinks(html, input.url, input.userAgent), page: undefined as T, html };
}
