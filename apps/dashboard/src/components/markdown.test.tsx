import { renderToStaticMarkup } from 'react-dom/server';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { expectMarkdownCase, markdownCases } from '../../../../test/clients/markdown-cases';
import { Markdown, safeHref } from './markdown';

const html = (text: string, cite?: (n: number) => string) =>
  renderToStaticMarkup(<Markdown text={text} {...(cite && { renderCitation: cite })} />);

describe('Markdown', () => {
  it('keeps HTML in an answer as visible text, never markup', () => {
    const out = html('Hello <img src=x onerror=alert(1)> and <script>alert(2)</script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('links only http(s) and mailto addresses', () => {
    expect(html('[docs](https://example.com/a)')).toContain(
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow"',
    );
    const evil = html('[click](javascript:alert(1))');
    expect(evil).not.toContain('<a');
    expect(evil).toContain('[click](javascript:alert(1))');
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('mailto:help@example.com')).toBe('mailto:help@example.com');
  });

  it('shows images as links instead of loading them', () => {
    const out = html('![diagram](https://tracker.example/pixel.png)');
    expect(out).not.toContain('<img');
    expect(out).toContain('>Image: diagram</a>');
  });

  it('renders paragraphs, lists, bold, italics, code and quotes', () => {
    const out = html(
      '**Refunds** take *five* days.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\nUse `npm start`.\n\n```\ncode <b>\n```',
    );
    expect(out).toContain('<strong>Refunds</strong>');
    expect(out).toContain('<em>five</em>');
    expect(out).toMatch(/<ul[^>]*><li>one<\/li><li>two<\/li><\/ul>/);
    expect(out).toMatch(/<ol[^>]*><li>first<\/li><li>second<\/li><\/ol>/);
    expect(out).toMatch(/<blockquote[^>]*>quoted<\/blockquote>/);
    expect(out).toMatch(/<code[^>]*>npm start<\/code>/);
    expect(out).toContain('<code>code &lt;b&gt;</code>');
  });

  it('hands citation markers to the caller, and keeps them as text otherwise', () => {
    expect(html('Within 30 days [1].', (n) => `(source ${n})`)).toContain('Within 30 days (source 1).');
    expect(html('Within 30 days [1].')).toContain('Within 30 days [1].');
  });

  it('turns bare web addresses into links without their trailing punctuation', () => {
    expect(html('See https://example.com/help.')).toContain('<a href="https://example.com/help"');
  });
});

describe("Markdown, on the cases the widget's renderer shares", () => {
  it.each(markdownCases)('$name', (c) => {
    const { document } = parseHTML(`<!doctype html><html><body><div id="answer">${html(c.source)}</div></body></html>`);
    expectMarkdownCase(document.getElementById('answer')!, c);
  });
});
