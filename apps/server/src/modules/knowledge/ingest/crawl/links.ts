import { parseHTML } from 'linkedom';
import type { DomElement } from '../html-blocks';
import { productToken } from './robots';

/**
 * One spelling per page so a page is fetched once: http(s) only, no fragment, host
 * lower-cased and default port dropped (the URL parser does both), empty path as "/".
 */
export function normaliseUrl(raw: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(raw) : new URL(raw, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  url.hash = '';
  return url.href;
}

/** Files a link crawl need not fetch to learn they are not pages. */
const NOT_PAGES =
  /\.(?:pdf|png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|css|js|mjs|map|json|xml|rss|atom|zip|gz|tgz|bz2|xz|rar|7z|tar|mp3|wav|ogg|mp4|m4v|avi|mov|webm|woff2?|ttf|otf|eot|docx?|xlsx?|pptx?|odt|csv|txt|exe|msi|dmg|pkg|apk|iso|bin)$/i;

export function looksLikePage(url: string): boolean {
  return !NOT_PAGES.test(new URL(url).pathname);
}

export interface PageLinks {
  links: string[];
  /** `<meta name="robots" content="noindex">`: do not keep the page. */
  noindex: boolean;
  /** `nofollow`: do not follow its links. */
  nofollow: boolean;
}

interface LinkDocument {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export function pageLinks(html: string, pageUrl: string, userAgent: string): PageLinks {
  const document = parseHTML(html).document as unknown as LinkDocument;
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  const base = (baseHref && normaliseUrl(baseHref, pageUrl)) || pageUrl;
  const token = productToken(userAgent);
  const directives = Array.from(document.querySelectorAll('meta[name][content]'))
    .filter((meta) => ['robots', token].includes((meta.getAttribute('name') ?? '').toLowerCase()))
    .flatMap((meta) => (meta.getAttribute('content') ?? '').toLowerCase().split(/\s*,\s*/));
  const none = directives.includes('none');
  const links = new Set<string>();
  for (const anchor of Array.from(document.querySelectorAll('a[href], area[href]'))) {
    if (/\bnofollow\b/i.test(anchor.getAttribute('rel') ?? '')) continue;
    const url = normaliseUrl(anchor.getAttribute('href') ?? '', base);
    if (url) links.add(url);
  }
  return {
    links: [...links],
    noindex: none || directives.includes('noindex'),
    nofollow: none || directives.includes('nofollow'),
  };
}
