import { parseHTML } from 'linkedom';
import { beforeAll, describe, it } from 'vitest';
import { expectMarkdownCase, markdownCases } from '../../../../test/clients/markdown-cases';
import { renderMarkdown } from './markdown';

// The renderer builds DOM nodes through the global document, as in the visitor's browser.
const { document } = parseHTML('<!doctype html><html><body></body></html>');
beforeAll(() => {
  (globalThis as { document?: unknown }).document = document;
});

describe("renderMarkdown, on the cases the dashboard's renderer shares", () => {
  it.each(markdownCases)('$name', (c) => {
    const answer = document.createElement('div');
    answer.appendChild(renderMarkdown(c.source));
    expectMarkdownCase(answer as unknown as Element, c);
  });
});
