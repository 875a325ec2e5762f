import { expect } from 'vitest';

/**
 * What both Markdown renderers of model answers guarantee: the dashboard's (react-markdown,
 * apps/dashboard/src/components/markdown.tsx) and the widget's own small one
 * (apps/widget/src/chat/markdown.ts). Both test suites run every case, so the two cannot drift
 * on safety (DESIGN §5: no raw HTML, safe links only, external images never loaded) or on
 * the everyday formatting a visitor and a tenant see alike. Presentation that differs on
 * purpose (classes, the wording of an image link, how citations are drawn) is not asserted.
 */
export interface MarkdownCase {
  name: string;
  source: string;
  /** Visible text that must appear, as written. */
  text?: string[];
  /** Exactly these links, in order: the label contains `text`, the address is `href`. */
  links?: Array<{ text: string; href: string }>;
  /** Selectors that must match nothing. */
  absent?: string[];
  /** Selectors that must match an element whose text is exactly this. */
  present?: Array<[selector: string, text: string]>;
}

export const markdownCases: MarkdownCase[] = [
  {
    name: 'HTML in an answer stays visible text',
    source: 'Hello <img src=x onerror=alert(1)> and <script>alert(2)</script> <iframe src="/frame"></iframe>',
    text: ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '<iframe src="/frame"></iframe>'],
    absent: ['img', 'script', 'iframe', '[onerror]'],
    links: [],
  },
  {
    name: 'an HTML block stays visible text',
    source: '<div onclick="alert(1)">\n<a href="javascript:alert(1)">x</a>\n</div>',
    text: ['<a href="javascript:alert(1)">x</a>'],
    absent: ['div', '[onclick]'],
    links: [],
  },
  {
    name: 'links keep to http(s) and mailto',
    source:
      '[docs](https://example.com/a) [mail us](mailto:help@example.com) [x](javascript:alert(1)) [y](JavaScript:alert(1)) [z](data:text/html,hi) [w](/admin) [v](vbscript:msgbox)',
    links: [
      { text: 'docs', href: 'https://example.com/a' },
      { text: 'mail us', href: 'mailto:help@example.com' },
    ],
    text: ['x', 'y', 'z', 'w', 'v'],
  },
  {
    name: 'images are links, never loaded; an image at an unsafe address is not even a link',
    source: '![diagram](https://tracker.example/pixel.png) ![evil](javascript:alert(1))',
    absent: ['img', 'picture', 'svg'],
    links: [{ text: 'diagram', href: 'https://tracker.example/pixel.png' }],
    text: ['evil'],
  },
  {
    name: 'bare web addresses become links without their trailing punctuation',
    source: 'See https://example.com/help. Or http://example.com/a?b=1, thanks',
    links: [
      { text: 'https://example.com/help', href: 'https://example.com/help' },
      { text: 'http://example.com/a?b=1', href: 'http://example.com/a?b=1' },
    ],
    text: ['help. Or', ', thanks'],
  },
  {
    name: 'bold, italics and inline code',
    source: '**Refunds** take *five* days. Use `npm start` or `**not bold**`.',
    present: [
      ['strong', 'Refunds'],
      ['em', 'five'],
      ['code', 'npm start'],
      ['code', '**not bold**'],
    ],
  },
  {
    name: 'underscores inside words are not emphasis',
    source: 'Set snake_case_name and MAX_RETRIES_COUNT, then _this_ is italic.',
    text: ['snake_case_name', 'MAX_RETRIES_COUNT'],
    present: [['em', 'this']],
  },
  {
    name: 'lists and quotes',
    source: '- one\n- two\n\n1. first\n2. second\n\n> quoted',
    present: [
      ['ul > li', 'one'],
      ['ul > li', 'two'],
      ['ol > li', 'first'],
      ['ol > li', 'second'],
      ['blockquote', 'quoted'],
    ],
  },
  {
    name: 'a fenced block keeps its text, markup included, as code',
    source: 'Run:\n\n```\ncode <b>bold</b> **x**\n```',
    present: [['pre > code', 'code <b>bold</b> **x**']],
    absent: ['b', 'strong'],
  },
  {
    name: 'a fence still streaming runs to the end',
    source: '```\nstill streaming',
    present: [['pre > code', 'still streaming']],
  },
  {
    name: 'line breaks inside a paragraph are kept, whatever the line end',
    source: 'Line one\r\nLine two\rLine three\n\nNext',
    present: [
      ['p', 'Next'],
      ['br', ''],
    ],
    text: ['Line one', 'Line two', 'Line three'],
    absent: ['p:nth-of-type(3)'],
  },
  {
    name: 'headings are emphasis, not page sections',
    source: '# Refunds\nWithin 30 days.',
    text: ['Refunds', 'Within 30 days.'],
    absent: ['h1', 'h2', 'h3'],
  },
  {
    name: 'citation markers stay readable, and code keeps them as written',
    source: 'Within 30 days [1]. Use `arr[2]`.',
    text: ['[1]'],
    present: [['code', 'arr[2]']],
  },
];

/** Checks one case against a rendered answer. */
export function expectMarkdownCase(root: Element, c: MarkdownCase): void {
  const text = root.textContent ?? '';
  for (const part of c.text ?? []) expect(text, c.name).toContain(part);
  for (const selector of c.absent ?? [])
    expect(root.querySelectorAll(selector).length, `${c.name}: ${selector}`).toBe(0);
  for (const [selector, inner] of c.present ?? []) {
    const found = [...root.querySelectorAll(selector)].map((el) => el.textContent);
    expect(found, `${c.name}: ${selector}`).toContain(inner);
  }
  const anchors = [...root.querySelectorAll('a')];
  if (c.links) {
    expect(
      anchors.map((a) => a.getAttribute('href')),
      c.name,
    ).toEqual(c.links.map((l) => l.href));
    c.links.forEach((link, i) => expect(anchors[i]!.textContent, c.name).toContain(link.text));
  }
  for (const a of anchors) {
    // Every link opens apart from the page and passes no standing to where it points.
    expect(a.getAttribute('target'), c.name).toBe('_blank');
    expect(a.getAttribute('rel')?.split(/\s+/), c.name).toEqual(expect.arrayContaining(['noopener', 'nofollow']));
  }
}
