/**
 * robots.txt as RFC 9309 reads it: groups of user-agent lines with their rules, the group
 * naming our product token (else `*`), and for a path the longest matching rule, Allow
 * winning a tie. `*` matches any run of characters and a final `$` anchors the end.
 */
export interface Robots {
  isAllowed(url: string): boolean;
  /** Sitemap URLs the file lists (for any agent). */
  sitemaps: string[];
  /** Seconds between requests, when our group asks for it. */
  crawlDelay: number | undefined;
}

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | undefined;
}

function compile(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => encodePath(part).replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Patterns and paths compared in one form: percent-encoded, as URL paths are sent. */
function encodePath(text: string): string {
  try {
    return encodeURI(decodeURI(text));
  } catch {
    return text;
  }
}

/** "SwitchboardBot/1.0 (+url)" → "switchboardbot". */
export const productToken = (userAgent: string) => userAgent.trim().split(/[\s/]/)[0]!.toLowerCase();

export function parseRobots(text: string, userAgent: string): Robots {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: undefined };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (value) sitemaps.push(value);
    } else if (current && (key === 'allow' || key === 'disallow')) {
      // An empty Disallow allows everything: it adds no rule.
      if (value) current.rules.push({ allow: key === 'allow', pattern: value, regex: compile(value) });
    } else if (current && key === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }

  const token = productToken(userAgent);
  const named = groups.filter((g) => g.agents.some((agent) => productToken(agent) === token));
  const chosen = named.length > 0 ? named : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const crawlDelay = chosen.map((g) => g.crawlDelay).find((d) => d !== undefined);

  return {
    sitemaps,
    crawlDelay,
    isAllowed(url) {
      const parsed = new URL(url);
      const path = `${encodePath(parsed.pathname)}${parsed.search}`;
      if (parsed.pathname === '/robots.txt') return true;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        const longer = !best || rule.pattern.length > best.pattern.length;
        const tieAllows = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow;
        if (longer || tieAllows) best = rule;
      }
      return best?.allow ?? true;
    },
  };
}

/** No robots.txt (a 4xx): everything may be crawled. */
export const ALLOW_ALL: Robots = { isAllowed: () => true, sitemaps: [], crawlDelay: undefined };
