import { ValidationError } from '../../platform/errors';
import { detectType, IngestError } from '../knowledge';

/**
 * What an attachment is, from its bytes (knowledge's detectType: a PNG named .pdf is a PNG).
 * Images and plain documents are accepted; HTML, SVG, archives and programs are refused, so
 * nothing served back can run in a browser.
 */
const IMAGES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };
const DOCUMENTS: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
};

export interface AttachmentType {
  kind: 'image' | 'file';
  mediaType: string;
}

const refused = (what: string) =>
  new ValidationError(
    `This file is ${what}, which can't be sent here. Send an image (PNG, JPEG, GIF, WebP) or a PDF, Word, text or CSV file.`,
    undefined,
    'unsupported_file_type',
  );

/**
 * Voice notes and audio from messaging channels (OGG Opus, MP3, AMR, M4A), by their magic
 * bytes. Only when the caller asks (`audio`): the widget itself takes none. They are served as
 * downloads, like any file.
 */
function audioType(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 12));
  if (head.subarray(0, 4).toString('latin1') === 'OggS') return 'audio/ogg';
  if (head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1]! & 0xe0) === 0xe0))
    return 'audio/mpeg';
  if (head.subarray(0, 5).toString('latin1') === '#!AMR') return 'audio/amr';
  if (head.subarray(4, 11).toString('latin1') === 'ftypM4A') return 'audio/mp4';
  return null;
}

export function attachmentType(bytes: Uint8Array, filename: string, options: { audio?: boolean } = {}): AttachmentType {
  const audio = options.audio ? audioType(bytes) : null;
  if (audio) return { kind: 'file', mediaType: audio };
  let type: string;
  try {
    type = detectType(bytes, { filename });
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    const detected = (error.details as { detected?: string } | undefined)?.detected;
    if (detected && IMAGES[detected]) return { kind: 'image', mediaType: IMAGES[detected] };
    if (error.reason === 'unreadable_file') throw new ValidationError(error.message, undefined, 'unreadable_file');
    throw refused(/This file is (.+?), which/.exec(error.message)?.[1] ?? 'of a kind');
  }
  const mediaType = DOCUMENTS[type];
  if (!mediaType) throw refused(type === 'html' ? 'a web page (HTML)' : type);
  return { kind: 'file', mediaType };
}
