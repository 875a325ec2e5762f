/**
 * Bytes to text. UTF-8 first (with or without BOM), UTF-16 when a BOM says so, and
 * Windows-1252 for the legacy files that are neither: every byte means something there, so
 * it never fails, which is why binary data must be refused before decoding.
 */
export function decodeText(buffer: Uint8Array, charset?: string): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
    return new TextDecoder('utf-8').decode(buffer.subarray(3));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(buffer);
    } catch {
      // An unknown label: fall through to the usual guesses.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return decodeWindows1252(buffer);
  }
}

/** 0x80–0x9F of Windows-1252 (curly quotes, dashes, €); the rest is Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** By hand: Node builds without full ICU decode "windows-1252" as plain Latin-1. */
function decodeWindows1252(buffer: Uint8Array): string {
  let out = '';
  for (const byte of buffer) out += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return out;
}

const SAMPLE_BYTES = 8192;

/**
 * True for data no text format would contain: NUL bytes (outside UTF-16) or many control
 * characters. Tabs, line breaks, form feeds and ESC are common in real text files.
 */
export function looksBinary(buffer: Uint8Array): boolean {
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) return false;
  const sample = buffer.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls++;
  }
  return sample.length > 0 && controls / sample.length > 0.02;
}

/** The charset an HTML page declares, in its Content-Type header or a `<meta>` near the top. */
export function htmlCharset(buffer: Uint8Array, contentTypeHeader?: string): string | undefined {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentTypeHeader ?? '')?.[1];
  if (fromHeader) return fromHeader;
  const head = new TextDecoder('latin1').decode(buffer.subarray(0, 2048));
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
}

export function decodeHtml(buffer: Uint8Array, contentTypeHeader?: string): string {
  return decodeText(buffer, htmlCharset(buffer, contentTypeHeader));
}
