import zlib from 'node:zlib';
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface Sitemap {
  kind: 'urlset' | 'index';
  /** Page URLs (urlset) or child sitemap URLs (index), in document order. */
  locations: string[];
}

/** The sitemaps.org protocol's own limits: 50 MB uncompressed, 50,000 URLs, URLs under 2,048 characters. */
export const SITEMAP_MAX_CHARS = 50 * 1024 * 1024;
export const SITEMAP_MAX_LOCATIONS = 50_000;
const MAX_URL_LENGTH = 2048;
/** urlset > url > loc, plus room for extensions (image:image > image:loc, news:news > …). */
const MAX_DEPTH = 16;

const ROOTS = { urlset: { kind: 'urlset', entry: 'url' }, sitemapindex: { kind: 'index', entry: 'sitemap' } } as const;
type Root = (typeof ROOTS)[keyof typeof ROOTS];

/** Thrown from the parser's handlers to stop reading a document that is not a usable sitemap. */
class NotASitemap extends Error {}

/**
 * A bare `&` (a URL's query string written unescaped, the commonest sitemap mistake) becomes
 * `&amp;`; a real reference (`&amp;`, `&#38;`, `&name;`) and CDATA sections are left alone.
 * One linear pass: CDATA is found with indexOf, never with a backtracking pattern.
 */
function escapeBareAmpersands(xml: string): string {
  const bare = /&(?![A-Za-z_][\w.-]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g;
  let out = '';
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<![CDATA[', at);
    const end = open === -1 ? xml.length : open;
    out += xml.slice(at, end).replace(bare, '&amp;');
    if (open === -1) break;
    const close = xml.indexOf(']]>', open);
    const after = close === -1 ? xml.length : close + 3;
    out += xml.slice(open, after);
    at = after;
  }
  return out;
}

/**
 * A sitemap (urlset) or sitemap index, by the sitemaps.org protocol, read with a streaming
 * XML parser (saxes) that never reads a DTD: a document with a DOCTYPE is refused outright
 * (a sitemap has none), so no entity is ever declared, expanded or fetched. Namespaces are
 * resolved, so `<s:urlset xmlns:s=…>` is a sitemap and an extension's `<image:loc>` is not a
 * page. Anything that is not well-formed, too large or too deep is no sitemap (null): the
 * crawl then follows links instead.
 */
export function parseSitemap(xml: string, maxLocations = SITEMAP_MAX_LOCATIONS): Sitemap | null {
  if (xml.length > SITEMAP_MAX_CHARS) return null;
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: SaxesTagNS[] = [];
  const found: { root: Root | null; locations: string[]; full: boolean } = { root: null, locations: [], full: false };
  // The text of the <loc> being read (null outside one).
  let text: string | null = null;

  parser.on('error', (error) => {
    throw new NotASitemap(error.message);
  });
  parser.on('doctype', () => {
    throw new NotASitemap('a sitemap has no DOCTYPE');
  });
  parser.on('opentag', (tag) => {
    if (stack.length === 0) {
      if (!Object.hasOwn(ROOTS, tag.local)) throw new NotASitemap(`the root element is <${tag.name}>`);
      found.root = ROOTS[tag.local as keyof typeof ROOTS];
    }
    stack.push(tag);
    if (stack.length > MAX_DEPTH) throw new NotASitemap('nested too deeply');
    if (stack.length === 3 && tag.local === 'loc' && inRootNamespace(stack, 3) && stack[1]!.local === found.root!.entry)
      text = '';
  });
  const collect = (chunk: string) => {
    if (text !== null && text.length <= MAX_URL_LENGTH) text += chunk;
  };
  parser.on('text', collect);
  parser.on('cdata', collect);
  parser.on('closetag', () => {
    const depth = stack.length;
    stack.pop();
    if (text === null || depth !== 3) return;
    const location = text.trim();
    text = null;
    if (location && location.length < MAX_URL_LENGTH) found.locations.push(location);
    if (found.locations.length >= maxLocations) {
      found.full = true;
      throw new NotASitemap('enough locations');
    }
  });

  try {
    parser.write(escapeBareAmpersands(xml.replace(/^\uFEFF?\s*/, ''))).close();
  } catch (error) {
    // Stopped once the list is full: what was read is the sitemap. Any other stop: none.
    if (!(error instanceof NotASitemap && found.full)) return null;
  }
  return found.root ? { kind: found.root.kind, locations: found.locations } : null;
}

/** The first `depth` elements on the stack share the root's namespace (none, or sitemaps.org's, or any other). */
function inRootNamespace(stack: SaxesTagNS[], depth: number): boolean {
  return stack.slice(0, depth).every((tag) => tag.uri === stack[0]!.uri);
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
