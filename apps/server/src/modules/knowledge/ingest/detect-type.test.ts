import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeDocx, makeXlsx } from '../../../../test/support/fixtures/docx';
import { makePdf } from '../../../../test/support/fixtures/pdf';
import {
  noiseBytes,
  pngBytes,
  sampleCsv,
  sampleHtml,
  sampleJson,
  sampleMarkdown,
  sampleText,
} from '../../../../test/support/fixtures/samples';
import { writeZip } from '../../../../test/support/fixtures/zip';
import { detectType } from './detect-type';
import { IngestError } from './errors';

function refusal(run: () => unknown): IngestError {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('detectType', () => {
  it('trusts the content over the name: a PDF named .txt is a PDF', () => {
    expect(detectType(makePdf([['Hello']]), { filename: 'notes.txt', contentType: 'text/plain' })).toBe('pdf');
  });

  it('refuses a PNG named .pdf, saying what it is', () => {
    const error = refusal(() => detectType(pngBytes(), { filename: 'manual.pdf', contentType: 'application/pdf' }));
    expect(error.reason).toBe('unsupported_file');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^This file is a PNG image, which can't be added to knowledge\./);
    expect(error.details).toMatchObject({ detected: 'png', filename: 'manual.pdf' });
  });

  it.each([
    ['a JPEG renamed .txt', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0]), 'jpeg'],
    ['a gzip file', zlib.gzipSync('hello'), 'gzip'],
    [
      'an old .doc',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]),
      'ole',
    ],
    ['random bytes', noiseBytes(4096), 'binary'],
    ['an XLSX', makeXlsx(), 'xlsx'],
    ['a plain ZIP', writeZip([{ name: 'a.txt', data: 'hi' }]), 'zip'],
    ['an SVG', utf8('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'svg'],
    ['an RTF file', utf8('{\\rtf1\\ansi Hello}'), 'rtf'],
  ])('refuses %s', (_name, buffer, detected) => {
    const error = refusal(() => detectType(buffer, { filename: 'upload.txt' }));
    expect(error.details).toMatchObject({ detected });
  });

  it('names an XLSX and says what to do instead', () => {
    expect(refusal(() => detectType(makeXlsx())).message).toContain('an Excel spreadsheet (.xlsx); export it as CSV');
  });

  it('refuses an empty or blank file', () => {
    expect(refusal(() => detectType(Buffer.alloc(0))).message).toBe('The file is empty.');
    expect(refusal(() => detectType(utf8(' \n\t\n'))).message).toBe('The file has no text in it.');
  });

  it('finds a DOCX by the word/document.xml inside the ZIP, whatever its name', () => {
    expect(detectType(makeDocx([{ paragraph: 'Hi' }]), { filename: 'report.zip' })).toBe('docx');
  });

  it.each([
    ['HTML', sampleHtml, 'html'],
    ['an HTML fragment', '<div><p>Just a fragment</p></div>', 'html'],
    ['JSON', sampleJson, 'json'],
    ['CSV', sampleCsv, 'csv'],
    ['semicolon CSV', 'name;city;zip\nAnna;Lyon;69001\nBen;Paris;75001\nCarl;Nice;06000\n', 'csv'],
    ['tab-separated values', 'sku\tname\tprice\nA1\tWidget\t9\nA2\tGadget\t12\n', 'csv'],
    ['Markdown', sampleMarkdown, 'markdown'],
    ['plain text', sampleText, 'text'],
    ['prose with one comma per line', 'Hello, and welcome.\nThanks, see you soon.\nYes, that is right.\n', 'text'],
    ['text that merely starts with a brace', '{ not json at all', 'text'],
  ])('recognises %s from the content alone', (_name, text, type) => {
    expect(detectType(utf8(text))).toBe(type);
  });

  it('lets the name settle what content cannot: Markdown-ish text named .md, a two-line CSV named .csv', () => {
    expect(detectType(utf8('Just a line of notes.'), { filename: 'notes.md' })).toBe('markdown');
    expect(detectType(utf8('a,b\n1,2\n'), { filename: 'tiny.csv' })).toBe('csv');
    expect(detectType(utf8('a,b\n1,2\n'))).toBe('text');
  });

  it('reads a README that opens with HTML as Markdown when it is named .md', () => {
    const readme = '<p align="center"><img src="logo.png"></p>\n\n# Project\n\nSome **bold** text.\n';
    expect(detectType(utf8(readme), { filename: 'README.md' })).toBe('markdown');
  });

  it('reads UTF-16 text with a byte-order mark as text', () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Bonjour à tous\n\nDeuxième paragraphe.', 'utf16le'),
    ]);
    expect(detectType(utf16)).toBe('text');
  });
});
