import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../../../test/support/fixtures/docx';
import { makePdf } from '../../../../test/support/fixtures/pdf';
import {
  sampleCsv,
  sampleHtml,
  sampleJson,
  sampleMarkdown,
  sampleText,
} from '../../../../test/support/fixtures/samples';
import { chunk, extractFile, type Chunk } from './index';
import { extractHtml } from './html';

/** detect → extract → chunk, as an upload goes. */
async function ingest(buffer: Buffer, filename: string, targetTokens = 350) {
  const { type, document } = await extractFile(buffer, { filename });
  return { type, document, chunks: chunk(document, { targetTokens, overlapTokens: 20 }) };
}

const containing = (chunks: Chunk[], text: string) => chunks.find((c) => c.text.includes(text));

describe('ingest end to end', () => {
  it('PDF: text per page, page numbers and headings kept', async () => {
    const pdf = makePdf([
      ['# Acme user manual', 'Welcome to the Acme manual. It covers setup, billing and support.'],
      ['# Billing', 'Invoices are sent on the first day of each month. Refunds take 14 days.'],
      ["Support is open on weekdays from 9 to 18 o'clock. Write to support@acme.test (any time)."],
    ]);
    const { type, document, chunks } = await ingest(pdf, 'manual.pdf');
    expect(type).toBe('pdf');
    expect(document.title).toBe('Acme user manual');
    expect(document.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.page])).toEqual([
      ['Acme user manual', 1],
      ['Billing', 2],
    ]);
    expect(containing(chunks, 'Refunds take 14 days')).toMatchObject({ page: 2, headingPath: ['Billing'] });
    const support = containing(chunks, 'Support is open on weekdays');
    expect(support).toMatchObject({ page: 3, headingPath: ['Billing'] });
    expect(support?.text).toContain('support@acme.test (any time)');
  });

  // How fast is bench/suites/ingestion.ts's business (timing goals are not asserted in tests).
  it('PDF: a 100-page document keeps every page number', async () => {
    const pages = Array.from({ length: 100 }, (_, i) => [`# Chapter ${i + 1}`, `Chapter ${i + 1} body. `.repeat(40)]);
    const { chunks } = await ingest(makePdf(pages), 'big.pdf');
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set(Array.from({ length: 100 }, (_, i) => i + 1)));
    expect(containing(chunks, 'Chapter 57 body.')).toMatchObject({ page: 57, headingPath: ['Chapter 57'] });
  });

  it('DOCX: headings, paragraphs, lists and tables through mammoth', async () => {
    const docx = makeDocx([
      { heading: 'Employee handbook' },
      { paragraph: 'This handbook explains how we work.' },
      { heading: 'Holidays', level: 2 },
      { paragraph: 'Everyone gets 25 days of paid leave.' },
      { list: ['Ask your manager', 'Log it in the HR tool'], ordered: true },
      { heading: 'Equipment', level: 2 },
      {
        table: [
          ['Item', 'Budget'],
          ['Laptop', '2000 EUR'],
          ['Chair', '400 EUR'],
        ],
      },
      { list: ['Keep receipts', 'Return on leaving'] },
    ]);
    const { type, document, chunks } = await ingest(docx, 'handbook.docx');
    expect(type).toBe('docx');
    expect(document.title).toBe('Employee handbook');
    expect(document.blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'heading',
      'paragraph',
      'list',
      'heading',
      'table',
      'list',
    ]);
    expect(document.blocks.find((b) => b.kind === 'list')?.text).toBe('1. Ask your manager\n2. Log it in the HR tool');
    expect(document.blocks.find((b) => b.kind === 'table')?.text).toBe(
      '| Item | Budget |\n| --- | --- |\n| Laptop | 2000 EUR |\n| Chair | 400 EUR |',
    );
    expect(containing(chunks, '25 days of paid leave')).toMatchObject({
      headingPath: ['Employee handbook', 'Holidays'],
      anchor: '#holidays',
    });
    expect(containing(chunks, 'Laptop | 2000 EUR')?.headingPath).toEqual(['Employee handbook', 'Equipment']);
  });

  it('HTML: main content only, headings with anchors, table and code kept', async () => {
    const { type, document, chunks } = await ingest(Buffer.from(sampleHtml), 'billing.html');
    expect(type).toBe('html');
    expect(document.title).toBe('Billing FAQ');
    const all = document.blocks.map((b) => b.text).join('\n');
    for (const boilerplate of ['We use cookies', 'Log in', 'Sidebar link A', 'All rights reserved'])
      expect(all).not.toContain(boilerplate);
    expect(document.blocks.filter((b) => b.kind === 'heading').map((b) => [b.text, b.anchor])).toEqual([
      ['Billing FAQ', '#billing-faq'],
      ['Refunds', '#refunds'],
      ['Changing your plan', '#changing-your-plan'],
      ['Through the API', '#api'],
    ]);
    expect(containing(chunks, 'Refunds are issued within 14 days')).toMatchObject({
      headingPath: ['Billing FAQ', 'Refunds'],
      anchor: '#refunds',
    });
    expect(containing(chunks, '| Team | $49 | 10 |')?.text).toContain('| Plan | Monthly price | Seats |');
    expect(containing(chunks, '1. Open Settings\n2. Choose Billing')?.anchor).toBe('#changing-your-plan');
    const code = containing(chunks, 'curl -X POST');
    expect(code?.text).toContain('curl -X POST https://api.acme.test/v1/plan \\\n  -d plan=team');
    expect(code).toMatchObject({
      headingPath: ['Billing FAQ', 'Changing your plan', 'Through the API'],
      anchor: '#api',
    });
  });

  it('HTML: falls back to the body without an article, still dropping nav and footer', async () => {
    const html =
      '<html><body><nav><a href="/">Home</a></nav><h2 id="q">Question?</h2><p>Short answer.</p><footer>Footer text</footer></body></html>';
    const { document } = await ingest(Buffer.from(html), 'page.html');
    expect(document.blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Question?', anchor: '#q' },
      { kind: 'paragraph', text: 'Short answer.' },
    ]);
  });

  it('Markdown: front matter title, headings with slugs and ids, lists, code, tables', async () => {
    const { type, document, chunks } = await ingest(Buffer.from(sampleMarkdown), 'widget.md');
    expect(type).toBe('markdown');
    expect(document.title).toBe('Widget setup');
    expect(document.blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text, b.anchor])).toEqual([
      [1, 'Widget setup', '#widget-setup'],
      [2, 'Install', '#install'],
      [2, 'Options', '#options'],
      [2, 'Setext heading', '#setext-heading'],
    ]);
    expect(document.blocks[1]).toEqual({
      kind: 'paragraph',
      text: 'Add the widget to any page with one script tag. See the docs for more.',
    });
    expect(document.blocks.find((b) => b.kind === 'list')?.text).toBe(
      '1. Copy the snippet\n2. Paste it before </body> and save the page',
    );
    expect(document.blocks.find((b) => b.kind === 'code')?.text).toBe(
      '<script src="https://cdn.acme.test/widget.js" data-agent="agt_123"></script>',
    );
    expect(containing(chunks, '| color | #336699 | Accent colour |')).toMatchObject({
      headingPath: ['Widget setup', 'Options'],
      anchor: '#options',
    });
    expect(containing(chunks, 'Tip: the widget loads after the page.')?.headingPath).toEqual([
      'Widget setup',
      'Setext heading',
    ]);
  });

  it('CSV: each row a self-describing record', async () => {
    const { type, document, chunks } = await ingest(Buffer.from(sampleCsv), 'faq.csv');
    expect(type).toBe('csv');
    expect(document.blocks.map((b) => b.text)).toEqual([
      'question: How do I reset my password?; answer: Click "Forgot password" on the sign-in page, then follow the email.; category: account',
      'question: Can I pay yearly?; answer: Yes; yearly plans get two months free.; category: billing',
      'question: Where is my invoice?; answer: Under Settings > Billing > Invoices.; category: billing',
    ]);
    expect(chunks).toHaveLength(1);
  });

  it('JSON: flattened key paths, records kept together', async () => {
    const { type, document, chunks } = await ingest(Buffer.from(sampleJson), 'faq.json');
    expect(type).toBe('json');
    expect(document.title).toBe('Acme Help');
    expect(document.blocks.map((b) => b.text)).toEqual([
      'name: Acme Help\nversion: 3',
      'faqs',
      'question: Do you offer refunds?\nanswer: Yes, within 14 days.\ntags[0]: billing\ntags[1]: refunds',
      'question: Is there an API?\nanswer: Yes, a REST API with keys per workspace.',
      'limits',
      'limits.seats.starter: 3\nlimits.seats.team: 10\nlimits.storage: 5 GB',
    ]);
    expect(containing(chunks, 'Is there an API?')?.headingPath).toEqual(['faqs']);
  });

  it('text: paragraphs with wrapped lines joined, a list kept', async () => {
    const { type, document } = await ingest(Buffer.from(sampleText), 'hours.txt');
    expect(type).toBe('text');
    expect(document.blocks).toEqual([
      { kind: 'paragraph', text: 'Acme support hours' },
      {
        kind: 'paragraph',
        text: 'Our team answers on weekdays from 9:00 to 18:00 CET. Outside these hours, the assistant answers and hands over the conversation in the morning.',
      },
      { kind: 'list', text: '- Email: support@acme.test\n- Phone: +33 1 23 45 67 89' },
    ]);
  });

  // Items were once spread into a function call, which overflows the stack past some
  // 100,000 of them: the sandbox then called a flat file "nested too deeply".
  it('text: a file of 150,000 lines and no blank line (one paragraph of many sentences)', async () => {
    const lines = Array.from({ length: 150_000 }, (_, i) => `Line ${i} is read.`).join('\n');
    const { chunks } = await ingest(Buffer.from(lines), 'log.txt');
    expect(chunks.at(-1)?.text).toContain('Line 149999 is read.');
  });

  it('HTML: a list of 150,000 items inside a list item', () => {
    const html = `<html><body><ul><li>All items<ul>${Array.from({ length: 150_000 }, (_, i) => `<li>Item ${i}</li>`).join('')}</ul></li></ul></body></html>`;
    const chunks = chunk(extractHtml(html, { mainContent: false }));
    expect(chunks.at(-1)?.text).toContain('- Item 149999');
  });
});
