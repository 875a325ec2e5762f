import { isZip, readZipDirectory } from './zip';

/**
 * Recognises binary formats by their first bytes, so that a refusal can name what the file
 * really is ("a PNG image") whatever its name says.
 */
interface Signature {
  what: string;
  id: string;
  offset?: number;
  bytes: number[] | string;
  /** A second signature further in (RIFF….WEBP). */
  also?: { offset: number; bytes: string };
}

const SIGNATURES: Signature[] = [
  { id: 'png', what: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { id: 'jpeg', what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { id: 'gif', what: 'a GIF image', bytes: 'GIF8' },
  { id: 'webp', what: 'a WebP image', bytes: 'RIFF', also: { offset: 8, bytes: 'WEBP' } },
  { id: 'wav', what: 'a WAV audio file', bytes: 'RIFF', also: { offset: 8, bytes: 'WAVE' } },
  { id: 'avi', what: 'an AVI video', bytes: 'RIFF', also: { offset: 8, bytes: 'AVI ' } },
  { id: 'tiff', what: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { id: 'tiff', what: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { id: 'ico', what: 'an icon file', bytes: [0x00, 0x00, 0x01, 0x00] },
  { id: 'mp4', what: 'a video or audio file (MP4/QuickTime/HEIC)', offset: 4, bytes: 'ftyp' },
  { id: 'mp3', what: 'an MP3 audio file', bytes: 'ID3' },
  { id: 'ogg', what: 'an Ogg audio or video file', bytes: 'OggS' },
  { id: 'flac', what: 'a FLAC audio file', bytes: 'fLaC' },
  { id: 'gzip', what: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { id: '7z', what: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { id: 'rar', what: 'a RAR archive', bytes: 'Rar!\x1a\x07' },
  { id: 'xz', what: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { id: 'bzip2', what: 'a bzip2 archive', bytes: 'BZh' },
  {
    id: 'ole',
    what: 'an old Microsoft Office file (.doc, .xls or .ppt); save it as .docx or PDF',
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
  },
  { id: 'rtf', what: 'an RTF document; save it as .docx or PDF', bytes: '{\\rtf' },
  { id: 'elf', what: 'a program (ELF executable)', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { id: 'exe', what: 'a Windows program', bytes: 'MZ' },
  { id: 'wasm', what: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { id: 'sqlite', what: 'an SQLite database', bytes: 'SQLite format 3\x00' },
];

function matchesAt(buffer: Uint8Array, offset: number, bytes: number[] | string): boolean {
  const expected = typeof bytes === 'string' ? [...bytes].map((c) => c.charCodeAt(0)) : bytes;
  if (buffer.length < offset + expected.length) return false;
  return expected.every((byte, i) => buffer[offset + i] === byte);
}

/** Text formats can start with "MZ", "BZh" or "ID3" too; those are only trusted on binary data. */
const WEAK = new Set(['exe', 'bzip2', 'mp3']);

export function binarySignature(buffer: Uint8Array, isBinary: boolean): { id: string; what: string } | null {
  for (const signature of SIGNATURES) {
    if (WEAK.has(signature.id) && !isBinary) continue;
    if (!matchesAt(buffer, signature.offset ?? 0, signature.bytes)) continue;
    if (signature.also && !matchesAt(buffer, signature.also.offset, signature.also.bytes)) continue;
    return { id: signature.id, what: signature.what };
  }
  return null;
}

/** `%PDF-` may follow a little junk; PDF readers look in the first kilobyte. */
export function isPdf(buffer: Uint8Array): boolean {
  return Buffer.from(buffer.buffer, buffer.byteOffset, Math.min(buffer.byteLength, 1024)).includes('%PDF-');
}

export type ZipKind = { kind: 'docx' } | { kind: 'other'; id: string; what: string };

/** A DOCX is the ZIP that holds word/document.xml; other Office and ZIP files are named. */
export function classifyZip(buffer: Uint8Array): ZipKind | null {
  if (!isZip(buffer)) return null;
  const names = new Set(readZipDirectory(buffer).map((entry) => entry.name));
  if (names.has('word/document.xml')) return { kind: 'docx' };
  if (names.has('xl/workbook.xml'))
    return { kind: 'other', id: 'xlsx', what: 'an Excel spreadsheet (.xlsx); export it as CSV' };
  if (names.has('ppt/presentation.xml'))
    return { kind: 'other', id: 'pptx', what: 'a PowerPoint presentation (.pptx); save it as PDF' };
  if (names.has('mimetype') && names.has('content.xml')) {
    return { kind: 'other', id: 'odf', what: 'an OpenDocument file; save it as .docx or PDF' };
  }
  if (names.has('META-INF/container.xml')) return { kind: 'other', id: 'epub', what: 'an EPUB book' };
  return { kind: 'other', id: 'zip', what: 'a ZIP archive; upload the documents inside it one by one' };
}
