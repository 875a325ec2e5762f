import { describe, expect, it } from 'vitest';
import { makePdf } from '../../../../test/support/fixtures/pdf';
import { extract } from './extract';
import { IngestError } from './errors';
import { domDepth, markupDepth } from './html-depth';
import { READABILITY_MAX_DEPTH } from './limits';
import { prepareDocument, preparePage } from './prepare';
import { parseHTML } from 'linkedom';

/** Nested <div>s with text at each level, like the page that froze the server. */
const nested = (depth: number) =>
  `<html><body>${'<div>x '.repeat(depth)}the deepest words${'</div>'.repeat(depth)}</body></html>`;

async function refusal(work: Promise<unknown>): Promise<IngestError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe('markup depth', () => {
  it('counts nesting from the text, not tags that close themselves or need no end tag', () => {
    expect(markupDepth(nested(40))).toBe(42);
    expect(markupDepth(`<div>${'<p>para <li>item <br> <img src=x>'.repeat(5000)}</div>`)).toBe(1);
    expect(markupDepth(`<div><span/><section><b>x</b></section></div>`)).toBe(3);
  });

  it('does not count markup inside comments, scripts and styles', () => {
    const script = `<script>const s = "${'<div>'.repeat(900)}";</script><!-- ${'<div>'.repeat(900)} --><style>${'<div>'.repeat(9)}</style>`;
    expect(markupDepth(`<main>${script}<p>text</p></main>`)).toBe(1);
  });

  it('reads the DOM depth without recursion', () => {
    const { document } = parseHTML(nested(300));
    expect(domDepth(document.documentElement as never)).toBe(301);
  });
});

describe('document caps', () => {
  it('refuses HTML nested past the cap before parsing it, with the depth and the cap', async () => {
    const error = await refusal(extract(Buffer.from(nested(100_000)), 'html'));
    expect(error.reason).toBe('over_limit');
    expect(error.message).toContain('100,002 levels of nested elements; the limit is 500');
  });

  it('reads a page nested past Readability’s depth with the plain walk, keeping its text', async () => {
    const document = await extract(Buffer.from(nested(READABILITY_MAX_DEPTH + 50)), 'html');
    expect(document.blocks.map((b) => b.text).join(' ')).toContain('the deepest words');
  });

  it('refuses a PDF with more pages than the cap before reading them', async () => {
    const pdf = makePdf([['One.'], ['Two.'], ['Three.']]);
    const error = await refusal(extract(pdf, 'pdf', { limits: { maxPdfPages: 2 } }));
    expect(error.message).toContain('3 pages; the limit is 2');
    expect((await extract(pdf, 'pdf', { limits: { maxPdfPages: 3 } })).blocks).toHaveLength(3);
  });

  it('refuses a CSV with more rows than the cap', async () => {
    const csv = `q,a\n${Array.from({ length: 11 }, (_, i) => `question ${i},answer ${i}`).join('\n')}`;
    const error = await refusal(extract(Buffer.from(csv), 'csv', { limits: { maxCsvRows: 10 } }));
    expect(error.message).toContain('more than 10 rows; the limit is 10');
    expect((await extract(Buffer.from(csv), 'csv', { limits: { maxCsvRows: 11 } })).blocks).toHaveLength(11);
  });

  it('refuses text past the character cap', async () => {
    const error = await refusal(extract(Buffer.from('word '.repeat(400)), 'text', { limits: { maxChars: 1000 } }));
    expect(error.message).toContain('1,999 characters of text; the limit is 1,000');
  });

  it('refuses a document that becomes more chunks than the cap', async () => {
    const markdown = Array.from({ length: 30 }, (_, i) => `# Part ${i}\n\nThe text of part ${i}.`).join('\n\n');
    const error = await refusal(
      prepareDocument({
        kind: 'document',
        bytes: Buffer.from(markdown),
        declared: { filename: 'parts.md' },
        limits: { maxChunks: 20 },
      }),
    );
    expect(error.message).toContain('30 passages; the limit is 20');
    const prepared = await prepareDocument({
      kind: 'document',
      bytes: Buffer.from(markdown),
      declared: { filename: 'parts.md' },
      limits: { maxChunks: 30 },
    });
    expect(prepared).toMatchObject({ type: 'markdown', chunks: expect.any(Array) });
    expect(prepared.chunks).toHaveLength(30);
  });

  it('refuses a crawled page nested past the cap before reading its links', async () => {
    const error = await refusal(
      preparePage({
        kind: 'page',
        bytes: Buffer.from(nested(5_000)),
        url: 'https://example.com/',
        userAgent: 'SwitchboardBot',
      }),
    );
    expect(error.reason).toBe('over_limit');
  });
});
