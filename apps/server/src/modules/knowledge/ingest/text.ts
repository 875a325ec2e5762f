import type { Block, ExtractedDocument } from './types';

const LIST_ITEM = /^\s*(?:[-*•+]|\d{1,3}[.)])\s+\S/;

/**
 * Plain text: paragraphs are separated by blank lines. Hard-wrapped lines inside one are
 * joined, except in a paragraph made of list items, which stays a list.
 */
export function extractText(text: string): ExtractedDocument {
  const blocks: Block[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.length > 1 && lines.every((line) => LIST_ITEM.test(line))) {
      blocks.push({ kind: 'list', text: lines.map((line) => line.trim().replace(/^•\s*/, '- ')).join('\n') });
    } else {
      blocks.push({ kind: 'paragraph', text: lines.map((line) => line.trim()).join(' ') });
    }
  }
  return { blocks };
}
