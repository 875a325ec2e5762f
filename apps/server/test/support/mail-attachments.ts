import fs from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import type { TestRuntime } from './runtime';

/** Raw .eml files the file mailer wrote (DATA_DIR/mail) addressed to `to`, oldest first. */
export function rawMailsTo(rt: TestRuntime, to: string): string[] {
  const dir = path.join(rt.runtime.config.dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((raw) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'm').test(raw));
}

/** The bytes of a MIME part of this content type (base64-encoded, as nodemailer sends files). */
export function attachmentOf(raw: string, contentType: string): Buffer | null {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start < 0) return null;
  const body = raw.slice(start).split(/\r?\n\r?\n/)[1] ?? '';
  const base64 = body.split(/\r?\n--/)[0]!.replace(/\s+/g, '');
  return Buffer.from(base64, 'base64');
}

/** The text of a PDF, every page, as a PDF reader extracts it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}
