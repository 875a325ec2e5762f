import { parseCsv, sniffDelimiter } from './csv';
import { decodeText, looksBinary } from './decode';
import { IngestError } from './errors';
import { binarySignature, classifyZip, isPdf } from './signatures';
import type { DeclaredType, DocumentType } from './types';

/**
 * What a file is, decided by its content. The declared name or type only settles what
 * content cannot (Markdown and plain text read alike): a PDF named .txt is a PDF, and a PNG
 * named .pdf is refused as a PNG.
 */
export function detectType(buffer: Uint8Array, declared: DeclaredType = {}): DocumentType {
  if (buffer.length === 0) throw new IngestError('unreadable_file', 'The file is empty.');
  if (isPdf(buffer)) return 'pdf';
  const zip = classifyZip(buffer);
  if (zip?.kind === 'docx') return 'docx';
  if (zip) throw refuse(zip.id, zip.what, declared);

  const binary = looksBinary(buffer);
  const signature = binarySignature(buffer, binary);
  if (signature) throw refuse(signature.id, signature.what, declared);
  if (binary) throw refuse('binary', 'binary data, not a document', declared);

  const text = decodeText(buffer.subarray(0, 256 * 1024));
  if (text.trim() === '') throw new IngestError('unreadable_file', 'The file has no text in it.');
  return classifyText(text, hintOf(declared), declared, buffer.length <= 256 * 1024 ? undefined : buffer);
}

function refuse(id: string, what: string, declared: DeclaredType): IngestError {
  return new IngestError(
    'unsupported_file',
    `This file is ${what}, which can't be added to knowledge. Upload a PDF, Word (.docx), HTML, Markdown, CSV, JSON or plain-text file.`,
    { detected: id, ...(declared.filename ? { filename: declared.filename } : {}) },
  );
}

const EXTENSIONS: Record<string, DocumentType> = {
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  csv: 'csv',
  tsv: 'csv',
  json: 'json',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  txt: 'text',
  text: 'text',
};
const MEDIA_TYPES: Record<string, DocumentType> = {
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'application/json': 'json',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'text',
};

function hintOf(declared: DeclaredType): DocumentType | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(declared.filename ?? '')?.[1]?.toLowerCase();
  const media = declared.contentType?.split(';')[0]?.trim().toLowerCase();
  return (extension ? EXTENSIONS[extension] : undefined) ?? (media ? MEDIA_TYPES[media] : undefined);
}

/** The HTML sniffing patterns of the WHATWG MIME Sniffing standard (a tag, then space or >). */
const HTML_START =
  /^(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--)[\s>]/i;

function classifyText(
  text: string,
  hint: DocumentType | undefined,
  declared: DeclaredType,
  whole?: Uint8Array,
): DocumentType {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  // A README may open with <p align="center">; its name and its Markdown say what it is.
  if (hint === 'markdown' && markdownScore(text) >= 1) return 'markdown';
  if (HTML_START.test(start)) return 'html';
  if (/^<\?xml/i.test(start)) {
    if (/<html[\s>]/i.test(start.slice(0, 4096))) return 'html';
    if (/<svg[\s>]/i.test(start.slice(0, 4096))) throw refuse('svg', 'an SVG image', declared);
    throw refuse('xml', 'an XML file (other than XHTML)', declared);
  }
  if (/^<svg[\s>]/i.test(start)) throw refuse('svg', 'an SVG image', declared);
  if ((start.startsWith('{') || start.startsWith('[')) && parsesAsJson(whole ? decodeText(whole) : text)) return 'json';
  if (looksLikeCsv(text, hint === 'csv')) return 'csv';
  if (hint === 'markdown' || markdownScore(text) >= 3) return 'markdown';
  return 'text';
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A header and rows with the same number of fields (at least two). Without a .csv name it
 * also takes three rows and lines that do not read like sentences, since prose with one
 * comma per line would otherwise pass.
 */
function looksLikeCsv(text: string, declaredCsv: boolean): boolean {
  const sample = text.slice(0, 64 * 1024);
  const delimiter = sniffDelimiter(sample);
  if (!delimiter) return false;
  // The sample may end mid-row: drop the last row unless the sample is the whole text.
  const rows = parseCsv(sample, delimiter)
    .slice(0, sample.length < text.length ? -1 : undefined)
    .slice(0, 50);
  const width = rows[0]?.length ?? 0;
  if (rows.length < 2 || width < 2) return false;
  if (rows.filter((row) => row.length === width).length / rows.length < 0.9) return false;
  if (declaredCsv) return true;
  if (rows.length < 3) return false;
  const sentences = rows.filter((row) => /[.!?]["')]?$/.test((row[row.length - 1] ?? '').trim())).length;
  return sentences / rows.length < 0.5 && !/^\s*\|/m.test(sample);
}

const MARKDOWN_HINTS: Array<[RegExp, number]> = [
  [/^#{1,6}[ \t]+\S/gm, 2],
  [/^(?:```|~~~)/gm, 2],
  [/^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/gm, 2],
  [/^\s*[-*+][ \t]+\S/gm, 1],
  [/^\s*\d{1,3}[.)][ \t]+\S/gm, 1],
  [/\[[^\]\n]+\]\([^)\s]+\)/g, 1],
  [/^>[ \t]?\S/gm, 1],
  [/\*\*[^*\n]+\*\*|__[^_\n]+__/g, 1],
  [/`[^`\n]+`/g, 1],
  [/^\S.*\n(?:=+|-+)[ \t]*$/gm, 2],
];

/** Points for Markdown constructs, capped per kind so one long list does not decide alone. */
export function markdownScore(text: string): number {
  const sample = text.slice(0, 64 * 1024);
  return MARKDOWN_HINTS.reduce(
    (score, [pattern, weight]) => score + Math.min(2, (sample.match(pattern) ?? []).length) * weight,
    0,
  );
}
