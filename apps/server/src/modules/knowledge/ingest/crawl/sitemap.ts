import zlib from 'node:zlib';

export interface Sitemap {
  kind: 'urlset' | 'index';
  /** Page URLs (urlset) or child sitemap URLs (index), in document order. */
  locations: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text
    .replace(/^<!\[CDATA\[([\s\S]*)\]\]>$/, '$1')
    .replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

/**
 * A sitemap (urlset) or sitemap index, by the sitemaps.org protocol. Read with patterns
 * rather than an XML parser: only `<loc>` values matter, and a regex cannot be made to
 * fetch external entities.
 */
export function parseSitemap(xml: string): Sitemap | null {
  const root = /<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]/i.exec(xml)?.[1]?.toLowerCase();
  if (!root) return null;
  const locations = [...xml.matchAll(/<(?:[\w-]+:)?loc>([\s\S]*?)<\/(?:[\w-]+:)?loc>/gi)].map((m) => decodeXml(m[1]!)).filter(Boolean);
  return { kind: root === 'urlset' ? 'urlset' : 'index', locations };
}

/** A gzipped sitemap (sitemap.xml.gz) is inflated under the same cap as a plain one. */
export function sitemapText(body: Buffer, maxBytes: number): string | null {
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      return zlib.gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf8');
    } catch {
      return null;
    }
  }
  return body.toString('utf8');
}
