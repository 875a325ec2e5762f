import zlib from 'node:zlib';
import { IngestError } from './errors';

/**
 * Just enough ZIP reading to judge an archive before a library inflates it. DOCX files are
 * ZIP archives, and a tiny upload can inflate to gigabytes (a zip bomb); mammoth's unzipper
 * would inflate whatever the archive claims, so the claims are checked first, then proven.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Sum of the uncompressed sizes. Default 50 MiB. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed for any entry above 1 MiB. Default 100. */
  maxRatio: number;
  /** Default 2,000 (a DOCX has a few dozen). */
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 50 * 1024 * 1024, maxRatio: 100, maxEntries: 2000 };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const RATIO_FLOOR_BYTES = 1024 * 1024;

const corrupt = (what: string) =>
  new IngestError('unreadable_file', `The file is not a readable ZIP archive (${what}).`);

export function isZip(buffer: Uint8Array): boolean {
  return (
    buffer[0] === 0x50 &&
    buffer[1] === 0x4b &&
    (buffer[2] === 0x03 || buffer[2] === 0x05) &&
    (buffer[3] === 0x04 || buffer[3] === 0x06)
  );
}

/** Reads the central directory (the archive's table of contents) without inflating anything. */
export function readZipDirectory(input: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let eocd = -1;
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory');
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64 exists for archives past 4 GiB or 65,535 entries: nothing a document needs.
    throw new IngestError('archive_refused', 'The archive uses ZIP64 (for huge archives) and is refused.');
  }
  if (offset + size > eocd) throw corrupt('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw corrupt('bad central directory entry');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    entries.push({
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses on the sizes the archive declares: cheap, and before any byte is inflated. */
export function checkZipDirectory(entries: readonly ZipEntry[], limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (entries.length > limits.maxEntries) {
    throw new IngestError(
      'archive_refused',
      `The archive has ${entries.length} files; at most ${limits.maxEntries} are accepted.`,
    );
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1)
      throw new IngestError('archive_refused', 'The archive is encrypted; upload it without a password.');
    if (entry.method !== 0 && entry.method !== 8) {
      throw new IngestError(
        'archive_refused',
        `The archive uses compression method ${entry.method}, which is not supported.`,
      );
    }
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
      throw new IngestError(
        'archive_refused',
        `The archive entry ${entry.name} expands ${Math.round(ratio)} times (more than ${limits.maxRatio}:1), like a zip bomb; it is refused.`,
      );
    }
  }
  if (total > limits.maxTotalBytes) {
    throw new IngestError(
      'archive_refused',
      `The archive expands to ${total} bytes, more than the ${limits.maxTotalBytes}-byte limit; it is refused.`,
    );
  }
}

/** One entry's bytes, inflating no more than the size the directory declared. */
export function readZipEntry(input: Uint8Array, entry: ZipEntry): Buffer {
  const buffer = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE)
    throw corrupt(`bad local header for ${entry.name}`);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw corrupt(`truncated ${entry.name}`);
  let out: Buffer;
  if (entry.method === 0) {
    out = data;
  } else {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new IngestError(
          'archive_refused',
          `The archive entry ${entry.name} inflates past its declared size; it is refused.`,
        );
      }
      throw corrupt(`cannot inflate ${entry.name}`);
    }
  }
  if (out.length !== entry.uncompressedSize) {
    throw new IngestError(
      'archive_refused',
      `The archive entry ${entry.name} does not match its declared size; it is refused.`,
    );
  }
  return out;
}

/**
 * The full check before handing the archive to a library: declared sizes within limits,
 * then every entry inflated under a hard cap to prove the declarations true.
 */
export function assertSafeZip(buffer: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = readZipDirectory(buffer);
  checkZipDirectory(entries, limits);
  for (const entry of entries) readZipEntry(buffer, entry);
  return entries;
}
